/* cli/render.c - placeholder until the subcommand lands. */
#include <stdio.h>

#include "cli/cli.h"

int gp_cli_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("guidepress render: not available yet\n", stderr);
    return GP_EXIT_USAGE;
}
