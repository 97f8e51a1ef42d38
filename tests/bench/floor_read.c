/* The floor of `kiosk check-lessons DIR` as a whole process (make bench): the least any
 * lesson checker must do: list every set folder under DIR, read each *.lesson and set.info,
 * and check that it is UTF-8.  Linked with libunistring only, so that its start-up is what a
 * small C program's is, not the kiosk's (ncursesw, SQLite, libcrypt).  Exits 1 when nothing
 * valid was read. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

static char buf[1 << 20];

/* The bytes of valid UTF-8 read from the lesson files of one set folder. */
static size_t read_set(const char *sub)
{
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

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "lessons";
	DIR *top = opendir(dir);
	struct dirent *e;
	size_t total = 0;

	while (top && (e = readdir(top))) {
		char sub[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		total += read_set(sub);
	}
	if (top)
		closedir(top);
	return total > 0 ? 0 : 1;
}
