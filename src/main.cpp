// trich: see README.md. All the work is in cli::run.
#include "cli/cli.h"

int main(int argc, char** argv) { return trich::cli::run(argc, argv); }
