//! Producer partitioning against Kafka's own vectors (reference §7).

use groupsim::partitioner::{murmur2, partition_for_key};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// Kafka: `clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java` `testMurmur2`
/// (reference §7.1). Java returns a signed int; we compare the same bits.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn murmur2_matches_kafka_utils_test_vectors() {
    let cases: [(&[u8], i32); 6] = [
        (b"21", -973932308),
        (b"foobar", -790332482),
        (b"a-little-bit-long-string", -985981536),
        (b"a-little-bit-longer-string", -1486304829),
        (b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971),
        (b"abc", 479470107), // Java's test builds it as new byte[]{'a','b','c'}
    ];
    for (key, expected) in cases {
        assert_eq!(murmur2(key) as i32, expected, "murmur2({:?})", core::str::from_utf8(key));
    }
}

/// Kafka: `BuiltInPartitioner.partitionForKey` = `toPositive(murmur2(key)) % n`, where
/// `toPositive` masks the sign bit instead of taking `abs` (reference §7.1). The expected
/// partitions follow from the vectors above: -973932308 & 0x7fffffff = 1173551340.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn key_partition_masks_the_sign_bit_not_abs() {
    assert_eq!(partition_for_key(b"21", 7), 1_173_551_340 % 7);
    // abs() would give 973932308 % 7 = 6; the mask gives 1173551340 % 7 = 3.
    assert_eq!(partition_for_key(b"21", 7), 3);
    assert_eq!(partition_for_key(b"abc", 10), 479_470_107 % 10);
}
