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
