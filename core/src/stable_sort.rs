//! A stable sort that costs little code in WebAssembly.
//!
//! The standard library's sort is compiled anew for every element type, and
//! each copy costs wasm: the widget's four (records, two in [`crate::hours`],
//! organisation search results) were all in the volunteer's first-screen
//! download, which has a size budget (scripts/size-report).
//! This sorts positions with one merge sort that is not generic, then moves
//! each item once; only that last step is compiled per type. The lists it is
//! used on are short (a phone's records, one person's visits, ~200
//! organisations), where it is as fast as the standard sort.

use std::cmp::Ordering;

/// Sorts `items` by `key`; items with equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let order = stable_order(items.len(), &|a, b| key(&items[a]).cmp(&key(&items[b])));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The positions `0..n`, ordered by `cmp` and, among equals, by position
/// (a bottom-up merge sort).
fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // The right run goes first only when strictly smaller: stable.
                let take_right =
                    right < end && (left >= mid || cmp(order[right], order[left]).is_lt());
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_keys_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |i| i.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |i| *i);
        assert!(empty.is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The same order as the standard library's stable sort, for any input.
        #[test]
        fn matches_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, 0u32..1000), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |i| i.0);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|i| i.0);
            proptest::prop_assert_eq!(ours, std_sorted);
        }
    }
}
