// JSON objects of entities, with the contract's field names and order (CONTRACT.md). Shared
// by the json and jsonl writers.
#pragma once

#include <nlohmann/json.hpp>

#include "extract/entities.h"

namespace trich {

using ojson = nlohmann::ordered_json;

ojson to_json(const Citation& c);
ojson to_json(const Date& d);
ojson to_json(const Term& t);
ojson to_json(const Item& i);
ojson to_json(const Finding& f);
// A list with its items.
ojson to_json(const PriorityList& l);

}  // namespace trich
