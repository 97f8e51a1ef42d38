/* dl: see dl.h. */
#include "dl.h"

#include <dlfcn.h>
#include <stdio.h>

void *dl_open(const char *soname, const struct dl_symbol *symbols, size_t count, char *why,
              size_t why_size)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		const char *e = dlerror();

		snprintf(why, why_size, "%s", e ? e : "dlopen");
		return NULL;
	}
	for (size_t i = 0; i < count; i++) {
		if (!(*symbols[i].slot = dlsym(h, symbols[i].name))) {
			snprintf(why, why_size, "%s", symbols[i].name);
			for (size_t j = 0; j < i; j++)
				*symbols[j].slot = NULL;  /* nothing points into a closed library */
			dlclose(h);
			return NULL;
		}
	}
	if (why_size > 0)
		why[0] = '\0';
	return h;
}
