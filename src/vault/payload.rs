//! The payload: an age file whose plaintext is a SQLite image. Decrypting streams it straight
//! into SQLite's memory; the save's output passes through a buffer that wipes itself.

use super::{VaultError, keyslot};
use crate::store::{Store, StoreError};
use std::io::{Read, Write};
use zeroize::{Zeroize, Zeroizing};

/// A reader that counts bytes and remembers the first I/O error's kind, so a failure inside
/// SQLite's deserialize can be mapped back to truncation or tampering.
pub(super) struct Tracked<R> {
    inner: R,
    error: Option<std::io::ErrorKind>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                self.error.get_or_insert(e.kind());
                Err(e)
            }
        }
    }
}

/// A buffered writer for the save that owns its buffer and overwrites it with zeros each time
/// it passes the bytes on, and when dropped (also after an error). It sits between age's
/// encryptor and the temporary file.
///
/// What it can and cannot wipe: this buffer holds age's output, and the vault key text is a
/// `SecretString` that wipes itself. Out of our reach are age's own plaintext chunk buffer (a
/// private 64 KiB `Vec` inside `age::stream::StreamWriter`, cleared but not wiped; age wipes
/// only its payload key), the copies the kernel makes on the way to the disk (ciphertext),
/// and whatever the shells copy to show a recovery key (the terminal's scrollback, the
/// WebView's JavaScript strings). The database image itself lives in SQLite's wiping heap
/// (`store/heap.rs`).
pub(super) struct WipingWriter<W: Write> {
    inner: Option<W>,
    buf: Vec<u8>,
    len: usize,
}

impl<W: Write> WipingWriter<W> {
    pub(super) fn with_capacity(capacity: usize, inner: W) -> Self {
        WipingWriter {
            inner: Some(inner),
            buf: vec![0; capacity.max(1)],
            len: 0,
        }
    }

    fn inner(&mut self) -> &mut W {
        self.inner.as_mut().expect("present until into_inner")
    }

    /// Passes the buffered bytes on, then wipes them.
    fn flush_buf(&mut self) -> std::io::Result<()> {
        let len = std::mem::take(&mut self.len);
        let inner = self.inner.as_mut().expect("present until into_inner");
        let result = inner.write_all(&self.buf[..len]);
        self.buf[..len].zeroize();
        result
    }

    /// Writes what is buffered and returns the inner writer; the buffer is wiped.
    pub(super) fn into_inner(mut self) -> std::io::Result<W> {
        self.flush_buf()?;
        Ok(self.inner.take().expect("present until into_inner"))
    }
}

impl<W: Write> Write for WipingWriter<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.len + data.len() > self.buf.len() {
            self.flush_buf()?;
        }
        if data.len() >= self.buf.len() {
            self.inner().write_all(data)?;
        } else {
            self.buf[self.len..self.len + data.len()].copy_from_slice(data);
            self.len += data.len();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.flush_buf()?;
        self.inner().flush()
    }
}

impl<W: Write> Drop for WipingWriter<W> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

/// Counts what age's unbuffered header parser consumes.
struct HeaderCounter<'a> {
    inner: &'a [u8],
    consumed: &'a std::cell::Cell<usize>,
}

impl Read for HeaderCounter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n);
        Ok(n)
    }
}

pub(super) fn stream_error(kind: std::io::ErrorKind) -> VaultError {
    if kind == std::io::ErrorKind::UnexpectedEof {
        VaultError::Truncated
    } else {
        VaultError::Tampered
    }
}

/// Size of an age STREAM payload (after the header and nonce) for `n` plaintext bytes.
pub(super) fn age_body_len(n: usize) -> usize {
    const CHUNK: usize = 64 * 1024;
    const TAG: usize = 16;
    let chunks = n.div_ceil(CHUNK).max(1);
    n + chunks * TAG
}

/// Whether `body` bytes can be an age STREAM of a SQLite image: the image is a whole number of
/// pages of at least 512 bytes, so only some lengths are possible. A cut file almost never
/// has one of them.
pub(super) fn plausible_body_len(body: usize) -> bool {
    const FULL: usize = 64 * 1024 + 16;
    let chunks = body.div_ceil(FULL).max(1);
    match body.checked_sub(chunks * 16) {
        Some(n) if n >= 512 && n % 512 == 0 => age_body_len(n) == body,
        _ => false,
    }
}

/// Decrypts the payload (a whole age file in memory) straight into a new in-memory store.
pub(super) fn decrypt_payload(
    payload: &[u8],
    identity: &dyn age::Identity,
    wrong_key: VaultError,
) -> Result<Store, VaultError> {
    let consumed = std::cell::Cell::new(0usize);
    let counted = HeaderCounter {
        inner: payload,
        consumed: &consumed,
    };
    let decryptor = age::Decryptor::new(counted).map_err(keyslot::header_error)?;
    let header_len = consumed.get(); // the unbuffered parser reads exactly header + nonce
    let body = payload.len().saturating_sub(header_len);
    let reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys
            | age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed => wrong_key,
            other => keyslot::header_error(other),
        })?;
    let mut reader = Tracked {
        inner: reader,
        error: None,
    };
    // The SQLite header tells the image size: page size x page count.
    let mut head = Zeroizing::new([0u8; 100]);
    reader.read_exact(&mut head[..]).map_err(|e| {
        // age reads a cut chunk as the last one, which then fails authentication: a length
        // no vault can have says the file was cut, not changed.
        if e.kind() != std::io::ErrorKind::UnexpectedEof && !plausible_body_len(body) {
            VaultError::Truncated
        } else {
            stream_error(e.kind())
        }
    })?;
    if &head[..16] != b"SQLite format 3\0" {
        // Authenticated, so written by a key holder: something else than a database.
        return Err(VaultError::Store(StoreError::ForeignDatabase));
    }
    // File format write/read versions: 1 = rollback journal, 2 = WAL (sqlite3 left it so).
    if head[18] == 2 || head[19] == 2 {
        return Err(VaultError::WalImage);
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536usize,
        n if n >= 512 && n.is_power_of_two() => n as usize,
        _ => return Err(VaultError::Tampered),
    };
    let pages = u32::from_be_bytes([head[28], head[29], head[30], head[31]]) as usize;
    let size = page_size
        .checked_mul(pages)
        .filter(|&s| s >= 100)
        .ok_or(VaultError::Tampered)?;
    let expected = age_body_len(size);
    if body < expected {
        return Err(VaultError::Truncated);
    }
    if body > expected {
        return Err(VaultError::TrailingBytes);
    }
    let chained = (&head[..]).chain(&mut reader);
    let store = Store::from_image(chained, size).map_err(|e| match (e, reader.error) {
        (_, Some(kind)) => stream_error(kind),
        (e, None) => VaultError::Store(e),
    })?;
    // Reading past the end authenticates the final chunk and proves nothing follows.
    let mut probe = [0u8; 1];
    match reader.read(&mut probe) {
        Ok(0) => {}
        Ok(_) => return Err(VaultError::TrailingBytes),
        Err(e) => return Err(stream_error(e.kind())),
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_save_buffer_keeps_nothing_it_has_passed_on() {
        let mut w = WipingWriter::with_capacity(64, Vec::new());
        w.write_all(b"eerste deel ").expect("write");
        w.write_all(&[0xa5; 40]).expect("write");
        w.write_all(b"past niet meer in de buffer").expect("write");
        assert!(
            w.len > 0 && w.buf[..w.len].iter().any(|&b| b != 0),
            "fixture: the last bytes are still buffered"
        );
        w.flush().expect("flush");
        assert!(
            w.buf.iter().all(|&b| b == 0),
            "once passed on, the buffer is overwritten with zeros: no copy of the output \
             stays in memory we own"
        );
        w.write_all(&[0x5a; 10]).expect("write");
        w.write_all(&[0x77; 200])
            .expect("a write larger than the buffer goes straight on");
        let out = w.into_inner().expect("into_inner");
        let mut expected = b"eerste deel ".to_vec();
        expected.extend_from_slice(&[0xa5; 40]);
        expected.extend_from_slice(b"past niet meer in de buffer");
        expected.extend_from_slice(&[0x5a; 10]);
        expected.extend_from_slice(&[0x77; 200]);
        assert_eq!(out, expected, "every byte arrives once, in order");
    }

    #[test]
    fn only_lengths_of_whole_pages_are_plausible_payloads() {
        for pages in [1usize, 16, 17, 40, 1000] {
            let n = pages * 4096;
            assert!(
                plausible_body_len(age_body_len(n)),
                "{pages} pages of 4 KiB is a length a vault can have"
            );
            assert!(
                !plausible_body_len(age_body_len(n) - 1),
                "one byte less is a cut file"
            );
        }
        assert!(
            !plausible_body_len(10),
            "ten bytes can hold no database image"
        );
    }
}
