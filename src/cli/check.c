/* cli/check.c - placeholder until the subcommand lands. */
#include <stdio.h>

#include "cli/cli.h"

int gp_cli_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("guidepress check: not available yet\n", stderr);
    return GP_EXIT_USAGE;
}
