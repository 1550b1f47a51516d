/* minimal_mhd.c: the floor for bench/http.sh: libmicrohttpd answering "ok" to everything with
 * idtracker's daemon flags (internal polling thread + epoll, a pool of 4), on 127.0.0.1 and a port
 * the kernel picks, which it prints. Runs until killed. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
    const char *upload, size_t *upload_size, void **req)
{
	static int seen;
	struct MHD_Response *r;
	enum MHD_Result ret;

	(void)cls; (void)url; (void)method; (void)version; (void)upload; (void)upload_size;
	if (*req == NULL) {	/* answer on the second call, as idtracker does: a first-call answer means Connection: close */
		*req = &seen;
		return MHD_YES;
	}
	r = MHD_create_response_from_buffer(2, (void *)"ok", MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

int
main(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL,
	    answer, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, 4u, MHD_OPTION_END);

	if (d == NULL)
		return 1;
	printf("%u\n", (unsigned)MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)->port);
	fflush(stdout);
	for (;;)
		pause();
}
