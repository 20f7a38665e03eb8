/* Uses thread-local storage, which axos processes do not have: refused. */
static __thread int per_thread;

int main(void) {
    return per_thread++;
}
