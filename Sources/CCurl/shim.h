// libcurl for the HTTP registry client. curl_easy_setopt/getinfo are C variadics:
// typed wrappers below (BUILDING.md). No logic here.
#ifndef PERF_CCURL_SHIM_H
#define PERF_CCURL_SHIM_H
#include <curl/curl.h>
typedef size_t (*perf_curl_write_callback)(char *, size_t, size_t, void *);
typedef int (*perf_curl_xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode perf_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_write_callback(CURL *h, CURLoption o, perf_curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_xferinfo_callback(CURL *h, CURLoption o, perf_curl_xferinfo_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode perf_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static const long perf_curl_global_default = CURL_GLOBAL_DEFAULT;
static const size_t perf_curl_error_size = CURL_ERROR_SIZE;
#endif
