/* Test harness only (scripts/test-windows.sh), never shipped.
 *
 * Go 1.26's runtime on Windows takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll (Windows 10 and later), which Wine 8.0 lacks: every
 * Go program dies at start. This stand-in exports ProcessPrng over
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
