// libcurl for the HTTP registry client. curl_easy_setopt/getinfo are C variadics:
// typed wrappers below (BUILDING.md). No logic here.
#ifndef PERF_CCURL_SHIM_H
#define PERF_CCURL_SHIM_H
#include <curl/curl.h>
typedef size_t (*perf_curl_write_callback)(char *, size_t, size_t, void *);
static inline CURLcode perf_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_write_callback(CURL *h, CURLoption o, perf_curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
#endif
