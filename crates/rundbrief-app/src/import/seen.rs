//! The addresses an import has read so far, to reject the second of two rows with one address.
//!
//! A `HashSet<u64>` of a million address hashes holds 2^21 buckets of 9 bytes (19 MB) and
//! briefly both tables while it grows (28 MB): the largest part of an import's memory, growing
//! with the file. [`Seen`] keeps the same hashes exactly in about 8 bytes each: the latest in a
//! small hash set, the rest in one sorted vector that the set is merged into when it fills up.

use std::collections::HashSet;

/// Hashes in the small set before they are merged into the sorted vector.
const RECENT: usize = 1 << 16;

#[derive(Debug, Default)]
pub struct Seen {
    recent: HashSet<u64>,
    /// Sorted, without duplicates, disjoint from `recent`.
    sorted: Vec<u64>,
}

impl Seen {
    /// Adds `hash`; whether it was not there yet (as `HashSet::insert`).
    pub fn insert(&mut self, hash: u64) -> bool {
        if self.sorted.binary_search(&hash).is_ok() || !self.recent.insert(hash) {
            return false;
        }
        if self.recent.len() >= RECENT {
            self.merge();
        }
        true
    }

    /// Moves the small set into the sorted vector, merging from the back in place so that the
    /// vector is never held twice.
    fn merge(&mut self) {
        let mut recent: Vec<u64> = self.recent.drain().collect();
        recent.sort_unstable();
        let old = self.sorted.len();
        self.sorted.reserve_exact(recent.len());
        self.sorted.resize(old + recent.len(), 0);
        let (mut i, mut j) = (old, recent.len());
        for k in (0..self.sorted.len()).rev() {
            // `j > 0` until every recent hash is placed; the old ones left are then in place.
            if j == 0 {
                break;
            }
            if i > 0 && self.sorted[i - 1] > recent[j - 1] {
                self.sorted[k] = self.sorted[i - 1];
                i -= 1;
            } else {
                self.sorted[k] = recent[j - 1];
                j -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hash_is_new_once_across_merges() {
        let mut seen = Seen::default();
        // A scrambled order, so that merges interleave old and new hashes.
        let hash = |n: u64| n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let n = 3 * RECENT as u64 + 17;
        for k in 0..n {
            assert!(seen.insert(hash(k)), "{k} is new");
        }
        assert_eq!(seen.sorted.len() + seen.recent.len(), n as usize);
        assert!(seen.sorted.windows(2).all(|w| w[0] < w[1]), "sorted without duplicates");
        for k in (0..n).step_by(7) {
            assert!(!seen.insert(hash(k)), "{k} was seen");
        }
        assert!(seen.insert(hash(n)));
        assert!(!seen.insert(hash(n)));
    }
}
