//! The allocator, and handing freed memory back to the system.
//!
//! mimalloc instead of glibc's malloc: at 10,000 pages malloc and free were an eighth of the
//! build's CPU (small strings made on one rayon thread and freed on another). Built without
//! transparent huge pages, which raised the peak RSS by 50 MiB for no gain in time.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns memory freed so far to the system now, on this thread and on every thread of rayon's
/// pool (each thread keeps its own free pages). mimalloc does so on its own only after a delay
/// and only when it is next called, so a preview that goes idle after a rebuild or a search
/// index would keep its peak for as long as it runs.
pub fn release_freed() {
    let collect = || {
        // SAFETY: mi_collect only walks the calling thread's heap and mimalloc's own free
        // lists; it may be called from any thread at any time.
        unsafe { libmimalloc_sys::mi_collect(true) }
    };
    rayon::broadcast(|_| collect());
    collect();
}

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of v3, which `libmimalloc-sys` builds; the
/// crate names only some options).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tunes the allocator for a process that stays up (the preview): freed memory goes back to the
/// system at once rather than after mimalloc's default delay of a second. At 10,000 pages this
/// lowered the preview's peak RSS by ≈16 MiB for no measurable change in rebuild time; a one-off
/// build keeps the default, which spends less time on the system calls.
pub fn for_a_long_run() {
    // SAFETY: mi_option_set only stores the value in mimalloc's option table, which it reads
    // with atomic loads; it may be called at any time from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's number is mimalloc's, not another option's: its default is v3's 1,000 ms
    /// (unless MIMALLOC_PURGE_DELAY says otherwise), and setting it is read back.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads and writes of mimalloc's option table, as above.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(before, 1000);
        }
        for_a_long_run();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 0);
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, before) };
    }
}
