/* Reads a terminal's description the way curses programs do (terminfo) and the locale's encoding, and checksums a word with zlib. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <term.h>
#include <zlib.h>

/* In a terminal (docker run -t), draws on the screen as a full-screen program does. */
static int draw(void) {
  initscr();
  mvprintw(2, 4, "curses drew this on a %dx%d screen", COLS, LINES);
  refresh();
  endwin();
  printf("screen drawn\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--draw") == 0) return draw();
  const char *word = argc > 1 ? argv[1] : "hello";
  const char *terminal = argc > 2 ? argv[2] : "xterm-256color";
  int err = 0;
  unsigned long crc = crc32(0L, (const Bytef *)word, (uInt)strlen(word));
  printf("crc32(%s) = %08lx\n", word, crc);
  if (setupterm(terminal, 1, &err) != OK) {
    fprintf(stderr, "no terminfo entry for %s\n", terminal);
    return 1;
  }
  printf("%s: %d colors, %d columns\n", terminal, tigetnum("colors"), tigetnum("cols"));
  /* A terminal program reads and writes in the locale's encoding: the image's must be UTF-8. */
  setlocale(LC_ALL, "");
  printf("codeset: %s\n", nl_langinfo(CODESET));
  return 0;
}
