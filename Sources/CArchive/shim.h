// libarchive for concept bundles. AE_IF* are cast macros Swift cannot import: re-exported.
#ifndef PERF_CARCHIVE_SHIM_H
#define PERF_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
static const unsigned int PERF_AE_IFREG = AE_IFREG;
static const unsigned int PERF_AE_IFDIR = AE_IFDIR;
static const unsigned int PERF_AE_IFLNK = AE_IFLNK;
static const unsigned int PERF_AE_IFMT = AE_IFMT;
static const unsigned int PERF_AE_IFCHR = AE_IFCHR;
static const unsigned int PERF_AE_IFBLK = AE_IFBLK;
static const unsigned int PERF_AE_IFIFO = AE_IFIFO;
static const unsigned int PERF_AE_IFSOCK = AE_IFSOCK;
#endif
