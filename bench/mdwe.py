#!/usr/bin/env python3
"""Runs a command under the kernel's memory-deny-write-execute (PR_SET_MDWE, Linux 6.3 and later),
the rule systemd's MemoryDenyWriteExecute=yes enforces: no mapping may be writable and executable,
and none may become executable. PCRE2's JIT then cannot allocate its code and Vigil matches with
PCRE2's interpreter. Usage: bench/mdwe.py PROGRAM [ARGS...]"""
import ctypes
import os
import sys

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1

libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.exit(f"mdwe: prctl(PR_SET_MDWE) failed: {os.strerror(ctypes.get_errno())} (Linux 6.3 or later needed)")
os.execv(sys.argv[1], sys.argv[1:])
