/* Wine 8 has no ProcessPrng in bcryptprimitives.dll, and Rust's std calls it
   at start on Windows. This stand-in forwards to advapi32's RtlGenRandom
   (SystemFunction036), which wine has; it is built for the smoke test only
   and never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
