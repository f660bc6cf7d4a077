//! The addresses an import has read so far, to reject the second of two rows with one address.
//!
//! Keeping every address's hash exactly cost 8 bytes a row (8 MB at a million rows, the
//! largest part of an import's growth in memory). An import now keeps a [`Filter`] of fixed
//! size that says "certainly new" for nearly every new address; only the rest are looked up
//! exactly: against the rows of the current batch, the addresses the import found existing
//! ([`Seen`], exact, which grows only with rows that met an existing subscriber or
//! suppression), and the store, for the subscribers this run created ([`IdRanges`]).

use std::collections::HashSet;

/// Bits of the [`Filter`]: 4 MiB, allocated at the start, so that memory stays flat. With
/// [`PROBES`] probes, a new address is wrongly taken for a maybe-seen one (and looked up in
/// the store) with a chance of about 1 in 100,000 after a million rows, 1 in 2,000 after two
/// million, 1 in 20 after five million: larger files cost more look-ups, never more memory.
const FILTER_BITS: usize = 1 << 25;
const PROBES: u64 = 7;

/// A Bloom filter of address hashes: no false "new", rare false "maybe seen".
#[derive(Debug)]
pub struct Filter {
    bits: Vec<u64>,
}

impl Default for Filter {
    fn default() -> Self {
        Self { bits: vec![0; FILTER_BITS / 64] }
    }
}

impl Filter {
    /// Adds `hash`; `true` if it was certainly not there before, `false` if it may have been.
    pub fn insert(&mut self, hash: u64) -> bool {
        // Double hashing (Kirsch and Mitzenmacher): the probes from the hash's two halves.
        let (a, b) = (hash & 0xFFFF_FFFF, (hash >> 32) | 1);
        let mut new = false;
        for i in 0..PROBES {
            let bit = (a.wrapping_add(i.wrapping_mul(b)) % FILTER_BITS as u64) as usize;
            let (word, mask) = (bit / 64, 1u64 << (bit % 64));
            new |= self.bits[word] & mask == 0;
            self.bits[word] |= mask;
        }
        new
    }
}

/// Subscriber ids as sorted, disjoint, inclusive ranges: the subscribers an import created,
/// which come from one sequence and so are nearly always a handful of ranges.
#[derive(Debug, Default)]
pub struct IdRanges {
    ranges: Vec<(i64, i64)>,
}

impl IdRanges {
    pub fn extend(&mut self, ids: impl IntoIterator<Item = i64>) {
        let mut ids: Vec<i64> = ids.into_iter().collect();
        if ids.is_empty() {
            return;
        }
        ids.sort_unstable();
        let mut all = std::mem::take(&mut self.ranges);
        all.extend(ids.into_iter().map(|id| (id, id)));
        all.sort_unstable();
        for (start, end) in all {
            match self.ranges.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => self.ranges.push((start, end)),
            }
        }
    }

    pub fn contains(&self, id: i64) -> bool {
        let after = self.ranges.partition_point(|&(start, _)| start <= id);
        after > 0 && self.ranges[after - 1].1 >= id
    }
}

/// Hashes in the small set before they are merged into the sorted vector.
const RECENT: usize = 1 << 16;

#[derive(Debug, Default)]
pub struct Seen {
    recent: HashSet<u64>,
    /// Sorted, without duplicates, disjoint from `recent`.
    sorted: Vec<u64>,
}

impl Seen {
    pub fn contains(&self, hash: u64) -> bool {
        self.recent.contains(&hash) || self.sorted.binary_search(&hash).is_ok()
    }

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
        assert!(seen.contains(hash(n)) && seen.contains(hash(3)) && !seen.contains(hash(n + 1)));
    }

    #[test]
    fn the_filter_never_forgets_and_rarely_errs() {
        let mut filter = Filter::default();
        let hash = |n: u64| n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (n << 29);
        let n = 200_000u64;
        let wrong = (0..n).filter(|&k| !filter.insert(hash(k))).count();
        assert!(wrong < 10, "{wrong} new hashes taken for maybe-seen ones");
        assert!((0..n).step_by(13).all(|k| !filter.insert(hash(k))), "no false \"new\"");
    }

    #[test]
    fn id_ranges_merge_and_answer_exactly() {
        let mut ids = IdRanges::default();
        ids.extend([5, 3, 4, 10]);
        ids.extend([6, 12, 11, 1]);
        assert_eq!(ids.ranges, vec![(1, 1), (3, 6), (10, 12)]);
        ids.extend(std::iter::empty());
        let inside: Vec<i64> = (0..14).filter(|&id| ids.contains(id)).collect();
        assert_eq!(inside, vec![1, 3, 4, 5, 6, 10, 11, 12]);
        ids.extend([2, 7, 8, 9]);
        assert_eq!(ids.ranges, vec![(1, 12)]);
    }
}
