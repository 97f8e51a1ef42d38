/* dl: opens a shared library by its soname and finds the symbols the kiosk uses from it, for
 * the libraries loaded when first needed rather than at start (sqlite_dl.c, curses_dl.c,
 * pin.c). */
#ifndef KIOSK_DL_H
#define KIOSK_DL_H

#include <stddef.h>

struct dl_symbol {
	const char *name;
	void **slot;  /* receives dlsym's address: of a function, or of a variable */
};

/* dlopen(soname, RTLD_NOW | RTLD_LOCAL), then dlsym on that handle for each symbol (never
 * RTLD_DEFAULT: a program that also links the library, or defines stand-ins for its functions,
 * must get the library's own).  Returns the handle, or NULL with why[] set to dlerror's text
 * or the name of the symbol the library lacks (then nothing stays loaded). */
void *dl_open(const char *soname, const struct dl_symbol *symbols, size_t count, char *why,
              size_t why_size);

#endif
