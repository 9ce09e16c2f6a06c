/* cli/batch.c - placeholder until the subcommand lands. */
#include <stdio.h>

#include "cli/cli.h"

int gp_cli_batch(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("guidepress batch: not available yet\n", stderr);
    return GP_EXIT_USAGE;
}
