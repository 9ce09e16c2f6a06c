/* cli/frontend.h - the front ends the `guidepress` program dispatches to
 * besides the commands in cli/.
 *
 * The advisers' web desk (src/serve, `guidepress serve`) is a sibling of
 * the command line over the same library, linked into the same program,
 * not a part of the library: main.c sees only its entry point, never its
 * private header. src/serve/serve.h includes this header, so the
 * definition (serve/serve_main.c) is checked against this declaration. */
#ifndef GP_CLI_FRONTEND_H
#define GP_CLI_FRONTEND_H

/* `guidepress serve ARGS`: argv[0] is "serve". Returns the exit status. */
int gp_serve_main(int argc, char **argv);

#endif
