/* answer: see answer.h. */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

bool answer_matches(const char *typed, char *const *accepted, size_t n)
{
	char *key = text_fold(typed);
	bool match = false;

	for (size_t i = 0; i < n && !match; i++) {
		char *want = text_fold(accepted[i]);

		match = *key && strcmp(key, want) == 0;
		free(want);
	}
	free(key);
	return match;
}
