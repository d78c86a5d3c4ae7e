// The JSON Schema (draft 2020-12) of the json and jsonl output, schema "trich/1".
#pragma once

#include <string>

namespace trich {

std::string json_schema();

}  // namespace trich
