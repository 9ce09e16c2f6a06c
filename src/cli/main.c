/* cli/main.c - `guidepress` entry point: dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include <guidepress/guidepress.h>

#include "base/util.h"
#include "cli/cli.h"

static void usage(FILE *out)
{
    fputs("usage: guidepress <command> [options]\n"
          "\n"
          "commands:\n"
          "  render GUIDE.yaml [-s STYLE] [-o OUT] [--format pdf|png|svg] [--dpi N]\n"
          "                    [--set key=value]... [--backend cairo|haru] [--pdfa]\n"
          "                    [--password PW] [--owner-password PW] [--attach-source]\n"
          "  check FILE...     validate guide and style files [--format text|json]\n"
          "  batch ...         render many guides or a mail-merge CSV (see --help)\n"
          "  report merge ...  combine the reports of a sharded batch\n"
          "  version           print the version\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return GP_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "render"))
        return gp_cli_render(argc - 1, argv + 1);
    if (!strcmp(cmd, "check"))
        return gp_cli_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "batch"))
        return gp_cli_batch(argc - 1, argv + 1);
    if (!strcmp(cmd, "report"))
        return gp_cli_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("guidepress %s\ndata: %s\n", GP_VERSION_STRING, gp_data_dir_default());
        return GP_EXIT_OK;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return GP_EXIT_OK;
    }
    fprintf(stderr, "guidepress: unknown command '%s'\n", cmd);
    usage(stderr);
    return GP_EXIT_USAGE;
}
