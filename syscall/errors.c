/* Error names and messages (POSIX names, Linux numbers and wording). */
#include "axos.h"

typedef struct ErrorInfo {
    const char *name;
    const char *message;
} ErrorInfo;

static const ErrorInfo error_table[] = {
    [AX_OK] = {"OK", "Success"},
    [AX_EPERM] = {"EPERM", "Operation not permitted"},
    [AX_ENOENT] = {"ENOENT", "No such file or directory"},
    [AX_ESRCH] = {"ESRCH", "No such process"},
    [AX_EINTR] = {"EINTR", "Interrupted system call"},
    [AX_EIO] = {"EIO", "Input/output error"},
    [AX_ENXIO] = {"ENXIO", "No such device or address"},
    [AX_E2BIG] = {"E2BIG", "Argument list too long"},
    [AX_ENOEXEC] = {"ENOEXEC", "Exec format error"},
    [AX_EBADF] = {"EBADF", "Bad file descriptor"},
    [AX_ECHILD] = {"ECHILD", "No child processes"},
    [AX_EAGAIN] = {"EAGAIN", "Resource temporarily unavailable"},
    [AX_ENOMEM] = {"ENOMEM", "Cannot allocate memory"},
    [AX_EACCES] = {"EACCES", "Permission denied"},
    [AX_EFAULT] = {"EFAULT", "Bad address"},
    [AX_EBUSY] = {"EBUSY", "Device or resource busy"},
    [AX_EEXIST] = {"EEXIST", "File exists"},
    [AX_EXDEV] = {"EXDEV", "Invalid cross-device link"},
    [AX_ENODEV] = {"ENODEV", "No such device"},
    [AX_ENOTDIR] = {"ENOTDIR", "Not a directory"},
    [AX_EISDIR] = {"EISDIR", "Is a directory"},
    [AX_EINVAL] = {"EINVAL", "Invalid argument"},
    [AX_ENFILE] = {"ENFILE", "Too many open files in system"},
    [AX_EMFILE] = {"EMFILE", "Too many open files"},
    [AX_ENOTTY] = {"ENOTTY", "Inappropriate ioctl for device"},
    [AX_EFBIG] = {"EFBIG", "File too large"},
    [AX_ENOSPC] = {"ENOSPC", "No space left on device"},
    [AX_ESPIPE] = {"ESPIPE", "Illegal seek"},
    [AX_EROFS] = {"EROFS", "Read-only file system"},
    [AX_EMLINK] = {"EMLINK", "Too many links"},
    [AX_EPIPE] = {"EPIPE", "Broken pipe"},
    [AX_ERANGE] = {"ERANGE", "Numerical result out of range"},
    [AX_EDEADLK] = {"EDEADLK", "Resource deadlock avoided"},
    [AX_ENAMETOOLONG] = {"ENAMETOOLONG", "File name too long"},
    [AX_ENOLCK] = {"ENOLCK", "No locks available"},
    [AX_ENOSYS] = {"ENOSYS", "Function not implemented"},
    [AX_ENOTEMPTY] = {"ENOTEMPTY", "Directory not empty"},
    [AX_ELOOP] = {"ELOOP", "Too many levels of symbolic links"},
    [AX_ENOMSG] = {"ENOMSG", "No message of desired type"},
    [AX_EIDRM] = {"EIDRM", "Identifier removed"},
    [AX_EOVERFLOW] = {"EOVERFLOW", "Value too large for defined data type"},
    [AX_ENOTSOCK] = {"ENOTSOCK", "Socket operation on non-socket"},
    [AX_EDESTADDRREQ] = {"EDESTADDRREQ", "Destination address required"},
    [AX_EMSGSIZE] = {"EMSGSIZE", "Message too long"},
    [AX_EPROTOTYPE] = {"EPROTOTYPE", "Protocol wrong type for socket"},
    [AX_ENOPROTOOPT] = {"ENOPROTOOPT", "Protocol not available"},
    [AX_EPROTONOSUPPORT] = {"EPROTONOSUPPORT", "Protocol not supported"},
    [AX_ESOCKTNOSUPPORT] = {"ESOCKTNOSUPPORT", "Socket type not supported"},
    [AX_EOPNOTSUPP] = {"EOPNOTSUPP", "Operation not supported"},
    [AX_EAFNOSUPPORT] = {"EAFNOSUPPORT", "Address family not supported by protocol"},
    [AX_EADDRINUSE] = {"EADDRINUSE", "Address already in use"},
    [AX_EADDRNOTAVAIL] = {"EADDRNOTAVAIL", "Cannot assign requested address"},
    [AX_ECONNABORTED] = {"ECONNABORTED", "Software caused connection abort"},
    [AX_ECONNRESET] = {"ECONNRESET", "Connection reset by peer"},
    [AX_ENOBUFS] = {"ENOBUFS", "No buffer space available"},
    [AX_EISCONN] = {"EISCONN", "Transport endpoint is already connected"},
    [AX_ENOTCONN] = {"ENOTCONN", "Transport endpoint is not connected"},
    [AX_ETOOMANYREFS] = {"ETOOMANYREFS", "Too many references: cannot splice"},
    [AX_ETIMEDOUT] = {"ETIMEDOUT", "Connection timed out"},
    [AX_ECONNREFUSED] = {"ECONNREFUSED", "Connection refused"},
    [AX_EALREADY] = {"EALREADY", "Operation already in progress"},
    [AX_EINPROGRESS] = {"EINPROGRESS", "Operation now in progress"},
};

static const ErrorInfo *error_info(SyscallError err) {
    if ((unsigned)err >= sizeof error_table / sizeof error_table[0] || !error_table[err].name)
        return NULL;
    return &error_table[err];
}

const char *sys_strerror(SyscallError err) {
    const ErrorInfo *e = error_info(err);
    return e ? e->message : "Unknown error";
}

const char *sys_errname(SyscallError err) {
    const ErrorInfo *e = error_info(err);
    return e ? e->name : "E?";
}
