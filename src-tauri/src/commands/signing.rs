//! Signed reports: the vault's public signing key for the settings page (to copy into the
//! agreement with a client). The core makes the key on first need in an older vault and
//! saves it; the save state follows.

use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::signing::PublicKeyView;
use tauri::State;

/// The vault's public signing key and its fingerprint.
#[tauri::command]
pub fn signing_key_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<PublicKeyView> {
    let lang = prefs.language();
    session.save_through(lang, |vault, clock| {
        let had_key = matches!(vault.store().signing_key(), Ok(Some(_)));
        match vault.signing_key(clock) {
            Ok(key) => {
                let saved = if had_key {
                    Saved::Unchanged
                } else {
                    Saved::Yes
                };
                (Ok(key.public_key().view()), saved)
            }
            Err(e) => {
                // Made in memory but not saved: the save state turns to error and retries.
                let in_memory = !had_key && matches!(vault.store().signing_key(), Ok(Some(_)));
                let saved = if in_memory {
                    Saved::No
                } else {
                    Saved::Unchanged
                };
                (Err(IpcError::from_core(&e, lang)), saved)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::ipc_tests::app;
    use serde_json::json;

    #[test]
    fn the_signing_key_is_shown_while_unlocked_and_never_while_locked() {
        let a = app();
        assert_eq!(
            a.err("signing_key_get", json!({}))["code"],
            "not_unlocked",
            "no key without an unlocked vault"
        );
        a.create();
        let shown = a.ok("signing_key_get", json!({}));
        let fingerprint = shown["fingerprint"].as_str().expect("a fingerprint");
        assert!(
            fingerprint.len() == 16 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()),
            "minisign's key id, 16 hex digits: {fingerprint}"
        );
        let key = shown["public_key"].as_str().expect("the key");
        assert!(
            kluis::signing::PublicKey::parse(key).is_ok(),
            "a minisign public key"
        );
        assert!(
            shown["pub_file"]
                .as_str()
                .is_some_and(|f| f.contains(fingerprint) && f.contains(key)),
            "the .pub file holds both"
        );
        assert_eq!(
            a.ok("signing_key_get", json!({})),
            shown,
            "the same key every time"
        );
        a.ok("vault_lock", json!({}));
        assert_eq!(a.err("signing_key_get", json!({}))["code"], "not_unlocked");
    }
}
