//! A count of the steps whose number must grow only linearly with a chart's points (decimal
//! counting, label collision checks), so tests can catch quadratic layout without timing it.
//! Counting happens in test builds only; elsewhere [`step`] is empty.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one step of work on this thread (test builds only).
#[inline]
pub fn step() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

/// The steps counted on this thread since the last call, resetting the count.
#[cfg(test)]
pub fn take() -> usize {
    STEPS.with(|s| s.replace(0))
}
