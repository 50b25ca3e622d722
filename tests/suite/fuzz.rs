//! Property-based fuzzing (proptest, stable Rust) of everything that reads untrusted bytes or
//! text: the vault header, the passphrase keyslot, the recovery key, the encrypted payload
//! (authentic but forged plaintext included), and the core's value parsers (periods, report
//! keys, profiles). For every input: no panic, a clear error (a code from the one list and a
//! message in both languages), and no allocation driven by a length field in the input: the
//! memory used is bounded by a small multiple of the input's size. The CLI's own value parsers
//! (dates, months, minutes, organisation lists) are fuzzed in `src/bin/kluis/args.rs`.
//!
//! Case counts are modest so that these stay within a few seconds in `make test`.

use super::util::{clock, pass};
use kluis::Lang;
use kluis::error::Coded;
use kluis::vault::format::{self, Keyslot};
use kluis::vault::{Unlock, Vault, VaultError, keyslot};
use proptest::prelude::*;
use secrecy::{ExposeSecret, SecretString};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::path::Path;

/// The system allocator, counting the bytes live on a thread while [`peak_during`] runs there.
struct Counting;

thread_local! {
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    let _ = TRACKING.try_with(|t| {
        if t.get() {
            let live = LIVE.with(|l| {
                l.set(l.get() + delta);
                l.get()
            });
            PEAK.with(|p| p.set(p.get().max(live)));
        }
    });
}

// SAFETY: every call is passed on to the system allocator unchanged; the counting only
// touches const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size as isize - layout.size() as isize);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result and the most bytes it had allocated at once.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    TRACKING.with(|t| t.set(true));
    let out = f();
    TRACKING.with(|t| t.set(false));
    (out, PEAK.with(Cell::get).max(0) as usize)
}

#[test]
fn the_allocation_counter_sees_what_is_allocated() {
    let (v, peak) = peak_during(|| vec![7u8; 1 << 20]);
    assert!(
        peak >= 1 << 20 && v.len() == 1 << 20,
        "the bounds below are only worth something if the counter counts: {peak}"
    );
    let ((), peak) = peak_during(|| ());
    assert!(
        peak < 1024,
        "and nothing is counted when nothing is allocated: {peak}"
    );
}

/// Every error is one the shells can show: a code from the one list and a message in both
/// languages.
fn assert_clear(e: &VaultError, what: &str) {
    let code = e.error_code();
    for lang in [Lang::Nl, Lang::En] {
        let message = e.error_message(lang);
        assert!(
            !message.trim().is_empty(),
            "{what}: {e:?} ({code}) needs a {lang:?} message for the advisor"
        );
    }
}

/// A header with these keyslots, then `payload`.
fn file_with(slots: &[(u16, Vec<u8>)], payload: &[u8]) -> Vec<u8> {
    let slots: Vec<Keyslot> = slots
        .iter()
        .map(|(kind, data)| Keyslot {
            kind: *kind,
            data: data.clone(),
        })
        .collect();
    let mut file = format::encode_header(&slots);
    file.extend_from_slice(payload);
    file
}

/// One change to a file: flip a byte, overwrite a little-endian u32 (a length field), cut it,
/// or append bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Word(usize, u32),
    Cut(usize),
    Append(Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, w)| Mutation::Word(i, w)),
        any::<usize>().prop_map(Mutation::Cut),
        proptest::collection::vec(any::<u8>(), 1..64).prop_map(Mutation::Append),
    ]
}

fn apply(file: &mut Vec<u8>, m: &Mutation, region: std::ops::Range<usize>) {
    if file.is_empty() {
        return;
    }
    let len = file.len();
    let span = region.end.saturating_sub(region.start).max(1);
    let at = |i: usize| (region.start + i % span).min(len - 1);
    match m {
        Mutation::Flip(i, x) => {
            let i = at(*i);
            file[i] ^= x;
        }
        Mutation::Word(i, w) => {
            let i = at(*i).min(len.saturating_sub(4));
            let n = len.min(i + 4) - i;
            file[i..i + n].copy_from_slice(&w.to_le_bytes()[..n]);
        }
        Mutation::Cut(i) => {
            let i = at(*i);
            file.truncate(i);
        }
        Mutation::Append(bytes) => file.extend_from_slice(bytes),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_as_a_header_or_give_a_clear_error_within_their_own_size(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        magic in any::<bool>(),
    ) {
        let mut bytes = bytes;
        if magic && bytes.len() >= 12 {
            // Mostly past the magic and version, where the length fields are.
            bytes[..8].copy_from_slice(format::MAGIC);
            bytes[8..12].copy_from_slice(&[1, 0, 0, 0]);
        }
        let (parsed, peak) = peak_during(|| format::parse_header(&bytes));
        match parsed {
            Ok(h) => {
                prop_assert!(
                    h.payload_offset <= bytes.len(),
                    "the payload starts inside the file"
                );
                let data: usize = h.keyslots.iter().map(|k| k.data.len()).sum();
                prop_assert!(data <= bytes.len(), "keyslots hold only bytes of the file");
            }
            Err(e) => assert_clear(&e, "header"),
        }
        prop_assert!(
            peak <= 16 * bytes.len() + 1024,
            "parsing {} bytes allocated {peak}: allocation follows the input, never a \
             length field in it",
            bytes.len()
        );
    }

    #[test]
    fn mutated_headers_never_panic_or_allocate_by_their_length_fields(
        slots in proptest::collection::vec(
            (any::<u16>(), proptest::collection::vec(any::<u8>(), 0..96)),
            0..5,
        ),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut file = file_with(&slots, b"age-encryption.org/v1\n");
        let header_end = file.len() - 22;
        for m in &mutations {
            apply(&mut file, m, 0..header_end);
        }
        let (parsed, peak) = peak_during(|| format::parse_header(&file));
        if let Err(e) = &parsed {
            assert_clear(e, "mutated header");
        }
        prop_assert!(
            peak <= 16 * file.len() + 1024,
            "a mutated header of {} bytes allocated {peak}",
            file.len()
        );
    }

    #[test]
    fn any_text_is_a_recovery_key_or_malformed(text in ".{0,120}") {
        match keyslot::parse_recovery_key(&SecretString::from(text.clone())) {
            Ok(_) => prop_assert!(
                text.to_ascii_uppercase().contains("AGE-SECRET-KEY-1"),
                "only an age secret key parses: {text:?}"
            ),
            Err(e) => {
                prop_assert!(
                    matches!(e, VaultError::MalformedRecoveryKey),
                    "anything else is malformed, not another error: {e:?}"
                );
                assert_clear(&e, "recovery key");
            }
        }
    }

    #[test]
    fn report_periods_keys_and_profiles_parse_or_are_refused(
        text in prop_oneof![
            ".{0,24}",
            "[0-9]{3,5}(-([HhQq][0-9]|[0-9]{4}))?",
            "[0-9]{4}-?[A-Za-z0-9]{0,3}@[0-9+-]{0,12}/[a-z]{0,10}",
        ],
    ) {
        match kluis::report::ReportPeriod::parse(&text) {
            Ok(p) => prop_assert_eq!(
                kluis::report::ReportPeriod::parse(&p.code()),
                Ok(p),
                "a parsed period round-trips through its code"
            ),
            Err(e) => prop_assert!(
                !e.error_message(Lang::Nl).is_empty() && !e.error_message(Lang::En).is_empty(),
                "a refused period has a message"
            ),
        }
        if let Ok(k) = kluis::report::ReportKey::parse(&text) {
            prop_assert_eq!(
                kluis::report::ReportKey::parse(&k.to_string()).ok(),
                Some(k),
                "a stored report key round-trips"
            );
        }
        if let Some(p) = kluis::report::Profile::parse(&text) {
            prop_assert_eq!(kluis::report::Profile::parse(p.code()), Some(p), "profile codes");
        }
    }
}

/// A keyslot as Kluis writes it, but with a cheap work factor (2) so that each case costs
/// microseconds, not 0.7 s of scrypt.
fn cheap_keyslot(passphrase: &SecretString) -> Vec<u8> {
    let identity = age::x25519::Identity::generate();
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(2);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .expect("one recipient");
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).expect("encrypt");
    w.write_all(identity.to_string().expose_secret().as_bytes())
        .expect("write");
    w.finish().expect("finish");
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn damaged_keyslots_give_a_clear_error_and_never_panic(
        mutations in proptest::collection::vec(mutation(), 1..4),
        garbage in proptest::collection::vec(any::<u8>(), 0..400),
        use_garbage in any::<bool>(),
    ) {
        let p = pass();
        let data = if use_garbage {
            garbage
        } else {
            let mut data = cheap_keyslot(&p);
            let len = data.len();
            for m in &mutations {
                apply(&mut data, m, 0..len);
            }
            data
        };
        let (result, peak) = peak_during(|| keyslot::unwrap(&data, &p));
        if let Err(e) = &result {
            assert_clear(e, "keyslot");
        }
        // scrypt's own buffer is 128 * r * 2^logN bytes: 1 MiB at the highest work factor
        // this check lets through (the flipped digit stays below 10); the rest follows the
        // keyslot's size.
        prop_assert!(
            peak <= 64 * data.len() + (8 << 20),
            "unwrapping {} bytes allocated {peak}",
            data.len()
        );
    }
}

/// A small vault, created once per test (scrypt once), and its recovery key.
fn small_vault(dir: &Path) -> (Vec<u8>, SecretString) {
    let path = dir.join("bron.kluis");
    let key = super::util::small_vault(&path);
    let bytes = std::fs::read(&path).expect("the vault file");
    (bytes, SecretString::from(key.expose().to_owned()))
}

/// Opens `bytes` as a vault file with the recovery key (no scrypt) and checks the outcome.
fn open_bytes(dir: &Path, bytes: &[u8], key: &SecretString, what: &str) -> Result<(), String> {
    let path = dir.join("proef.kluis");
    let _ = std::fs::remove_file(&path);
    std::fs::write(&path, bytes).expect("write the case");
    let unlock = Unlock::RecoveryKey(key.clone());
    let (opened, peak) = peak_during(|| Vault::open(&path, &unlock, clock()).map(drop));
    if let Err(e) = &opened {
        assert_clear(e, what);
    }
    // The file is read once and the database image (whose size the payload's length bounds)
    // is held once; SQLite's schema check builds a second, empty database beside it.
    let bound = 4 * bytes.len() + (16 << 20);
    if peak > bound {
        return Err(format!(
            "{what}: opening {} bytes allocated {peak} (bound {bound})",
            bytes.len()
        ));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_vault_with_damaged_bytes_opens_or_gives_a_clear_error(
        mutations in proptest::collection::vec(mutation(), 1..3),
        in_header in any::<bool>(),
    ) {
        thread_local! {
            static FIXTURE: (tempfile::TempDir, Vec<u8>, SecretString) = {
                let dir = tempfile::tempdir().expect("tempdir");
                let (bytes, key) = small_vault(dir.path());
                (dir, bytes, key)
            };
        }
        FIXTURE.with(|(dir, original, key)| {
            let header_end = format::parse_header(original).expect("header").payload_offset;
            let mut bytes = original.clone();
            let region = if in_header { 0..header_end } else { header_end..bytes.len() };
            for m in &mutations {
                apply(&mut bytes, m, region.clone());
            }
            open_bytes(dir.path(), &bytes, key, "damaged vault")
        }).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn an_authentic_payload_with_a_forged_database_header_is_refused_without_allocating_its_claim(
        page_size in prop_oneof![Just(1u16), Just(512), Just(4096), Just(65535), any::<u16>()],
        page_count in prop_oneof![Just(u32::MAX), Just(1u32 << 20), 0u32..64, any::<u32>()],
        write_version in 0u8..4,
        cut in 0usize..9000,
    ) {
        thread_local! {
            static FIXTURE: (tempfile::TempDir, Vec<u8>, SecretString) = {
                let dir = tempfile::tempdir().expect("tempdir");
                let (bytes, key) = small_vault(dir.path());
                (dir, bytes, key)
            };
        }
        FIXTURE.with(|(dir, original, key)| {
            // Written by someone who holds the recovery key: the payload authenticates, but
            // the plaintext claims any size at all.
            let identity: age::x25519::Identity =
                key.expose_secret().parse().expect("the recovery key parses");
            let mut image = b"SQLite format 3\0".to_vec();
            image.extend_from_slice(&page_size.to_be_bytes());
            image.extend_from_slice(&[write_version, write_version]);
            image.resize(28, 0);
            image.extend_from_slice(&page_count.to_be_bytes());
            image.resize(100 + cut, 0x5a);
            let recipient = identity.to_public();
            let encryptor = age::Encryptor::with_recipients(std::iter::once(
                &recipient as &dyn age::Recipient,
            ))
            .expect("one recipient");
            let header_end = format::parse_header(original).expect("header").payload_offset;
            let mut bytes = original[..header_end].to_vec();
            let mut w = encryptor.wrap_output(&mut bytes).expect("encrypt");
            w.write_all(&image).expect("write");
            w.finish().expect("finish");
            let path = dir.path().join("vervalst.kluis");
            let _ = std::fs::remove_file(&path);
            std::fs::write(&path, &bytes).expect("write the case");
            let unlock = Unlock::RecoveryKey(key.clone());
            let (opened, peak) = peak_during(|| Vault::open(&path, &unlock, clock()).map(drop));
            let Err(e) = opened else {
                return Err("a forged image must never open".to_owned());
            };
            assert_clear(&e, "forged image");
            let bound = 4 * bytes.len() + (16 << 20);
            if peak > bound {
                return Err(format!(
                    "a {}-byte file claiming {page_size} x {page_count} allocated {peak}",
                    bytes.len()
                ));
            }
            Ok(())
        }).map_err(TestCaseError::fail)?;
    }
}
