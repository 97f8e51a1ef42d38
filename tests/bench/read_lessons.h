/* The floor of lesson loading (make bench), shared by the bench program (in-process figures)
 * and floor_read.c (the whole-process floor of check-lessons): the least any lesson loader
 * must do: list every set folder under dir, read each *.lesson and set.info, and check that
 * it is UTF-8.  Header-only so that floor_read links nothing of the kiosk. */
#ifndef BENCH_READ_LESSONS_H
#define BENCH_READ_LESSONS_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

/* The bytes of valid UTF-8 read from the lesson files of one set folder. */
static size_t read_lesson_set(const char *sub)
{
	static char buf[1 << 20];
	DIR *set = opendir(sub);
	struct dirent *f;
	size_t total = 0;

	while (set && (f = readdir(set))) {
		char path[1024];
		ssize_t n;
		int fd;

		if (!strstr(f->d_name, ".lesson") && strcmp(f->d_name, "set.info") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		n = read(fd, buf, sizeof buf);
		close(fd);
		if (n > 0 && u8_check((const uint8_t *)buf, (size_t)n) == NULL)
			total += (size_t)n;
	}
	if (set)
		closedir(set);
	return total;
}

/* Every set folder under dir; returns the bytes read, or 0. */
static size_t read_lessons(const char *dir)
{
	DIR *top = opendir(dir);
	struct dirent *e;
	size_t total = 0;

	while (top && (e = readdir(top))) {
		char sub[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		total += read_lesson_set(sub);
	}
	if (top)
		closedir(top);
	return total;
}

#endif
