/* Checks on a program file, made on its bytes before the host's dynamic
 * loader sees it (dlopen runs a library's constructors, so a file that is
 * refused must never get that far).
 *
 * Every offset and size read from the file is checked against the file's
 * length before it is used, and structures are copied out with memcpy
 * (the file may be damaged or hostile, and need not be aligned). */
#include <elf.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "loader/internal.h"

#if defined(__x86_64__)
#define ELF_MACHINE EM_X86_64
#define ELF_MACHINE_NAME "x86-64"
#elif defined(__aarch64__)
#define ELF_MACHINE EM_AARCH64
#define ELF_MACHINE_NAME "aarch64"
#elif defined(__i386__)
#define ELF_MACHINE EM_386
#define ELF_MACHINE_NAME "i386"
#elif defined(__riscv)
#define ELF_MACHINE EM_RISCV
#define ELF_MACHINE_NAME "riscv"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ELF_DATA ELFDATA2LSB
#else
#define ELF_DATA ELFDATA2MSB
#endif
#define ELF_CLASS (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32)

#define STAMP_NAME "axos_program_stamp"
#define FORBIDDEN_SHOWN 3 /* calls named in the message; the rest counted */

typedef struct ElfFile {
    const unsigned char *b;
    size_t n;
    ElfW(Ehdr) eh;
    char *msg;
    size_t msgsz;
} ElfFile;

static int elf_fail(ElfFile *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int elf_fail(ElfFile *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->msg, f->msgsz, fmt, ap);
    va_end(ap);
    return -AX_ENOEXEC;
}

/* Is [off, off + len) inside the file? */
static bool elf_in(const ElfFile *f, uint64_t off, uint64_t len) {
    return off <= f->n && len <= f->n - off;
}

/* Copy table entry i (of `size` bytes, the table at `off`) into out. */
static bool elf_entry(const ElfFile *f, uint64_t off, size_t i, void *out, size_t size) {
    if (!elf_in(f, off, (uint64_t)(i + 1) * size))
        return false;
    memcpy(out, f->b + off + i * size, size);
    return true;
}

static bool elf_phdr(const ElfFile *f, size_t i, ElfW(Phdr) *ph) {
    return elf_entry(f, f->eh.e_phoff, i, ph, sizeof *ph);
}

static bool elf_shdr(const ElfFile *f, size_t i, ElfW(Shdr) *sh) {
    return elf_entry(f, f->eh.e_shoff, i, sh, sizeof *sh);
}

/* The NUL-terminated string at offset `off` of the string table section,
 * or NULL when it runs off the table. */
static const char *elf_str(const ElfFile *f, const ElfW(Shdr) *strtab, uint64_t off) {
    if (off >= strtab->sh_size || !elf_in(f, strtab->sh_offset, strtab->sh_size))
        return NULL;
    const char *s = (const char *)f->b + strtab->sh_offset + off;
    return memchr(s, '\0', strtab->sh_size - off) ? s : NULL;
}

/* The file offset of `len` bytes at virtual address vaddr, when a loaded
 * segment holds them in the file; false otherwise. */
static bool elf_vaddr_offset(const ElfFile *f, uint64_t vaddr, uint64_t len, uint64_t *off) {
    for (size_t i = 0; i < f->eh.e_phnum; i++) {
        ElfW(Phdr) ph;
        if (!elf_phdr(f, i, &ph) || ph.p_type != PT_LOAD)
            continue;
        if (vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr <= ph.p_filesz &&
            len <= ph.p_filesz - (vaddr - ph.p_vaddr)) {
            *off = ph.p_offset + (vaddr - ph.p_vaddr);
            return elf_in(f, *off, len);
        }
    }
    return false;
}

static int elf_check_header(ElfFile *f) {
    if (f->n < sizeof f->eh || memcmp(f->b, ELFMAG, SELFMAG) != 0)
        return elf_fail(f, "not an ELF file");
    memcpy(&f->eh, f->b, sizeof f->eh);
    if (f->eh.e_ident[EI_CLASS] != ELF_CLASS || f->eh.e_ident[EI_DATA] != ELF_DATA)
        return elf_fail(f, "an ELF file for another word size or byte order");
#ifdef ELF_MACHINE
    if (f->eh.e_machine != ELF_MACHINE)
        return elf_fail(f, "an ELF file for another machine (this is " ELF_MACHINE_NAME ")");
#endif
    if (f->eh.e_type != ET_DYN)
        return elf_fail(f, "not a shared object (build it with axos-cc or axos_add_program)");
    if (f->eh.e_phentsize != sizeof(ElfW(Phdr)) || f->eh.e_shentsize != sizeof(ElfW(Shdr)) ||
        !elf_in(f, f->eh.e_phoff, (uint64_t)f->eh.e_phnum * sizeof(ElfW(Phdr))) ||
        !elf_in(f, f->eh.e_shoff, (uint64_t)f->eh.e_shnum * sizeof(ElfW(Shdr))))
        return elf_fail(f, "damaged: its headers lie outside the file");
    for (size_t i = 0; i < f->eh.e_phnum; i++) {
        ElfW(Phdr) ph;
        elf_phdr(f, i, &ph);
        if (ph.p_type == PT_INTERP)
            return elf_fail(f, "an executable, not a shared object (build it with axos-cc or "
                               "axos_add_program)");
        if (ph.p_type == PT_TLS)
            return elf_fail(f, "uses thread-local storage, which axos processes do not have "
                               "(one host thread runs them all)");
    }
    return 0;
}

/* The dynamic symbol table and its string table. */
static int elf_find_dynsym(ElfFile *f, ElfW(Shdr) *symtab, ElfW(Shdr) *strtab, ElfW(Shdr) *dyn,
                           bool *have_dyn) {
    bool found = false;
    *have_dyn = false;
    for (size_t i = 0; i < f->eh.e_shnum; i++) {
        ElfW(Shdr) sh;
        elf_shdr(f, i, &sh);
        if (sh.sh_type == SHT_DYNSYM && !found) {
            if (sh.sh_entsize != sizeof(ElfW(Sym)) || !elf_in(f, sh.sh_offset, sh.sh_size) ||
                !elf_shdr(f, sh.sh_link, strtab) || strtab->sh_type != SHT_STRTAB ||
                !elf_in(f, strtab->sh_offset, strtab->sh_size))
                return elf_fail(f, "damaged: its dynamic symbol table is malformed");
            *symtab = sh;
            found = true;
        } else if (sh.sh_type == SHT_DYNAMIC && !*have_dyn) {
            if (sh.sh_entsize != sizeof(ElfW(Dyn)) || !elf_in(f, sh.sh_offset, sh.sh_size))
                return elf_fail(f, "damaged: its dynamic section is malformed");
            *dyn = sh;
            *have_dyn = true;
        }
    }
    if (!found)
        return elf_fail(f, "has no dynamic symbol table (not built with the axos POSIX layer)");
    return 0;
}

/* The libraries a program may need: the C library, the math library,
 * their loader, and the sanitizers' runtimes in sanitizer builds. */
static bool elf_library_allowed(const char *name) {
    static const char *const allowed[] = {"libc.so.", "libm.so.", "ld-linux", "libasan.so.",
                                          "libubsan.so.", "libgcc_s.so."};
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (strncmp(name, allowed[i], strlen(allowed[i])) == 0)
            return true;
    return false;
}

static int elf_check_needed(ElfFile *f, const ElfW(Shdr) *dyn) {
    ElfW(Shdr) strtab;
    if (!elf_shdr(f, dyn->sh_link, &strtab) || strtab.sh_type != SHT_STRTAB)
        return elf_fail(f, "damaged: its dynamic section has no string table");
    size_t count = dyn->sh_size / sizeof(ElfW(Dyn));
    for (size_t i = 0; i < count; i++) {
        ElfW(Dyn) d;
        elf_entry(f, dyn->sh_offset, i, &d, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        if (d.d_tag != DT_NEEDED)
            continue;
        const char *lib = elf_str(f, &strtab, d.d_un.d_val);
        if (!lib)
            return elf_fail(f, "damaged: a library name lies outside its string table");
        if (!elf_library_allowed(lib))
            return elf_fail(f, "needs %s; a program in axos may need only the C and math "
                               "libraries",
                            lib);
    }
    return 0;
}

/* The stamp's fixed fields, read from the file (no code runs yet). */
static int elf_check_stamp(ElfFile *f, const ElfW(Sym) *sym) {
    ProgramStamp st;
    const size_t need = offsetof(ProgramStamp, start);
    uint64_t off;
    if (sym->st_size < need || !elf_vaddr_offset(f, sym->st_value, need, &off))
        return elf_fail(f, "damaged: its %s is not in the file's data", STAMP_NAME);
    memcpy(&st, f->b + off, need);
    if (st.magic != AX_PROGRAM_MAGIC)
        return elf_fail(f, "damaged: its %s has the wrong magic number", STAMP_NAME);
    if (st.abi != AX_PROGRAM_ABI || st.size != sizeof(ProgramStamp) ||
        st.version_major != AX_VERSION_MAJOR || st.version_minor != AX_VERSION_MINOR)
        return elf_fail(f,
                        "built for axos %u.%u (program ABI %u); this is axos %d.%d (ABI %d): "
                        "rebuild it",
                        st.version_major, st.version_minor, st.abi, AX_VERSION_MAJOR,
                        AX_VERSION_MINOR, AX_PROGRAM_ABI);
    return 0;
}

/* Walk the dynamic symbols: the stamp and main must be defined, and every
 * host function the program still imports must be one it may call. */
static int elf_check_symbols(ElfFile *f, const ElfW(Shdr) *symtab, const ElfW(Shdr) *strtab) {
    size_t count = symtab->sh_size / sizeof(ElfW(Sym));
    bool have_main = false;
    ElfW(Sym) stamp = {0};
    bool have_stamp = false;
    const char *bad[FORBIDDEN_SHOWN];
    size_t nbad = 0;
    for (size_t i = 1; i < count; i++) {
        ElfW(Sym) s;
        elf_entry(f, symtab->sh_offset, i, &s, sizeof s);
        const char *name = elf_str(f, strtab, s.st_name);
        if (!name)
            return elf_fail(f, "damaged: a symbol name lies outside its string table");
        int bind = ELF64_ST_BIND(s.st_info);
        if (!name[0] || (bind != STB_GLOBAL && bind != STB_WEAK))
            continue;
        if (s.st_shndx != SHN_UNDEF) {
            if (strcmp(name, "main") == 0 && ELF64_ST_TYPE(s.st_info) == STT_FUNC)
                have_main = true;
            else if (strcmp(name, STAMP_NAME) == 0 && ELF64_ST_TYPE(s.st_info) == STT_OBJECT) {
                stamp = s;
                have_stamp = true;
            }
        } else if (!loader_host_call_allowed(name)) {
            if (nbad < FORBIDDEN_SHOWN)
                bad[nbad] = name;
            nbad++;
        }
    }
    if (!have_stamp)
        return elf_fail(f, "not built with the axos POSIX layer (no %s; build it with axos-cc "
                           "or axos_add_program)",
                        STAMP_NAME);
    int r = elf_check_stamp(f, &stamp);
    if (r < 0)
        return r;
    if (!have_main)
        return elf_fail(f, "has no main function");
    if (nbad) {
        char list[160] = "";
        for (size_t i = 0; i < nbad && i < FORBIDDEN_SHOWN; i++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", bad[i]);
        }
        if (nbad > FORBIDDEN_SHOWN)
            return elf_fail(f, "calls %s and %zu more, which a program in axos cannot reach", list,
                            nbad - FORBIDDEN_SHOWN);
        return elf_fail(f, "calls %s, which a program in axos cannot reach", list);
    }
    return 0;
}

int loader_check_elf(const unsigned char *bytes, size_t n, char *msg, size_t msgsz) {
    ElfFile f = {.b = bytes, .n = n, .msg = msg, .msgsz = msgsz};
    ElfW(Shdr) symtab = {0}, strtab = {0}, dyn = {0};
    bool have_dyn;
    int r;
    if ((r = elf_check_header(&f)) < 0 ||
        (r = elf_find_dynsym(&f, &symtab, &strtab, &dyn, &have_dyn)) < 0)
        return r;
    if (have_dyn && (r = elf_check_needed(&f, &dyn)) < 0)
        return r;
    return elf_check_symbols(&f, &symtab, &strtab);
}
