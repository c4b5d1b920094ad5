// Names of the error reasons. -Wswitch (with -Werror) makes a missing case a build error.
#include "base/errc.hpp"

namespace wps {

std::string_view to_string(Errc e) {
  switch (e) {
    case Errc::Ok: return "ok";
    case Errc::Truncated: return "truncated";
    case Errc::TrailingBytes: return "trailing_bytes";
    case Errc::BadLength: return "bad_length";
    case Errc::BadValue: return "bad_value";
    case Errc::TooLarge: return "too_large";
    case Errc::NeedMore: return "need_more";
    case Errc::CryptoBackend: return "crypto_backend";
    case Errc::InvalidKeyLength: return "invalid_key_length";
    case Errc::InvalidPublicKey: return "invalid_public_key";
    case Errc::UnwrapFailed: return "unwrap_failed";
    case Errc::BadPadding: return "bad_padding";
    case Errc::BadCiphertextLength: return "bad_ciphertext_length";
    case Errc::AttrTruncated: return "attr_truncated";
    case Errc::AttrBadLength: return "attr_bad_length";
    case Errc::AttrDuplicate: return "attr_duplicate";
    case Errc::AttrMissing: return "attr_missing";
    case Errc::AttrForbidden: return "attr_forbidden";
    case Errc::AttrBadValue: return "attr_bad_value";
    case Errc::AuthenticatorNotLast: return "authenticator_not_last";
    case Errc::KwaNotLast: return "kwa_not_last";
    case Errc::UnknownMessageType: return "unknown_message_type";
    case Errc::WrongMessageType: return "wrong_message_type";
    case Errc::VendorExtMalformed: return "vendor_ext_malformed";
    case Errc::UnexpectedMessage: return "unexpected_message";
    case Errc::NonceMismatch: return "nonce_mismatch";
    case Errc::UuidMismatch: return "uuid_mismatch";
    case Errc::MacMismatch: return "mac_mismatch";
    case Errc::AuthenticatorMismatch: return "authenticator_mismatch";
    case Errc::KwaMismatch: return "kwa_mismatch";
    case Errc::EHash1Mismatch: return "e_hash1_mismatch";
    case Errc::EHash2Mismatch: return "e_hash2_mismatch";
    case Errc::RHash1Mismatch: return "r_hash1_mismatch";
    case Errc::RHash2Mismatch: return "r_hash2_mismatch";
    case Errc::DevicePasswordIdMismatch: return "device_password_id_mismatch";
    case Errc::PublicKeyHashMismatch: return "public_key_hash_mismatch";
    case Errc::NoDevicePassword: return "no_device_password";
    case Errc::PeerNack: return "peer_nack";
    case Errc::PeerM2D: return "peer_m2d";
    case Errc::BadCredential: return "bad_credential";
    case Errc::PbcOverlap: return "pbc_overlap";
    case Errc::SetupLocked: return "setup_locked";
    case Errc::PinInvalidated: return "pin_invalidated";
    case Errc::SessionTimeout: return "session_timeout";
    case Errc::NotReady: return "not_ready";
    case Errc::PbcWalkTimeExpired: return "pbc_walk_time_expired";
    case Errc::EapolBadVersion: return "eapol_bad_version";
    case Errc::EapolBadType: return "eapol_bad_type";
    case Errc::EapBadCode: return "eap_bad_code";
    case Errc::EapBadType: return "eap_bad_type";
    case Errc::EapBadVendor: return "eap_bad_vendor";
    case Errc::EapIdMismatch: return "eap_id_mismatch";
    case Errc::WscBadOpCode: return "wsc_bad_op_code";
    case Errc::WscBadFlags: return "wsc_bad_flags";
    case Errc::WscFragTooLarge: return "wsc_frag_too_large";
    case Errc::WscFragInconsistent: return "wsc_frag_inconsistent";
    case Errc::WscFragUnexpected: return "wsc_frag_unexpected";
    case Errc::EapFailure: return "eap_failure";
    case Errc::EapIdentityRejected: return "eap_identity_rejected";
    case Errc::EapolBadEtherType: return "eapol_bad_ether_type";
    case Errc::Dot11BadFrameControl: return "dot11_bad_frame_control";
    case Errc::Dot11UnsupportedFrame: return "dot11_unsupported_frame";
    case Errc::Dot11BadIe: return "dot11_bad_ie";
    case Errc::Dot11BadStatus: return "dot11_bad_status";
    case Errc::Dot11BadFcs: return "dot11_bad_fcs";
    case Errc::KeyBadDescriptor: return "key_bad_descriptor";
    case Errc::KeyBadInfo: return "key_bad_info";
    case Errc::KeyReplayCounter: return "key_replay_counter";
    case Errc::KeyMicMismatch: return "key_mic_mismatch";
    case Errc::KeyNonceMismatch: return "key_nonce_mismatch";
    case Errc::KeyRsnIeMismatch: return "key_rsn_ie_mismatch";
    case Errc::KeyDataMalformed: return "key_data_malformed";
    case Errc::KeyCcmpDecrypt: return "key_ccmp_decrypt";
    case Errc::PcapOpen: return "pcap_open";
    case Errc::PcapBadLinktype: return "pcap_bad_linktype";
    case Errc::PcapBadRadiotap: return "pcap_bad_radiotap";
    case Errc::PcapBadPpi: return "pcap_bad_ppi";
    case Errc::PcapBadPrism: return "pcap_bad_prism";
    case Errc::PcapBadAvs: return "pcap_bad_avs";
    case Errc::SimEventLimit: return "sim_event_limit";
    case Errc::ConfigBadKey: return "config_bad_key";
    case Errc::ConfigBadValue: return "config_bad_value";
    case Errc::IoError: return "io_error";
    case Errc::CtrlUnknownCommand: return "ctrl_unknown_command";
    case Errc::CtrlBadArgument: return "ctrl_bad_argument";
  }
  return "unknown_error";
}

}  // namespace wps
