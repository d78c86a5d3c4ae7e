// The JSON Schema (draft 2020-12) of the json and jsonl output, schema "trich/1".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace trich {

// The enumerations the loaded rules define, by the set names fields ask for
// (output/kinds.h one_of_rules; extract/rule_values.h makes them). A set that is absent or
// empty (rules with no TERM rule) leaves its field a plain string.
using RuleValues = std::map<std::string, std::vector<std::string>>;

std::string json_schema(const RuleValues& rule_values);

}  // namespace trich
