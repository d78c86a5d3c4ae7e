// The command line: the only code that knows CLI11. Parses argv into a validated Config and
// hands it to the pipeline; usage errors print one line and exit 2.
#pragma once

namespace trich::cli {

int run(int argc, char** argv);

}  // namespace trich::cli
