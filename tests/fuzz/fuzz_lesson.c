/* make fuzz: libFuzzer on the lesson parser, the code that reads files trainers and
 * translators write by hand.  Any input must give a lesson or diagnostics, never a crash. */
#include <stddef.h>
#include <stdint.h>

#include "lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_buffer("fuzz.lesson", (const char *)data, size, &d);

	lesson_free(l);
	diags_free(&d);
	return 0;
}
