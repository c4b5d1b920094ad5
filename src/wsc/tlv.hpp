// WSC TLV codec (WPS-FACTS §4): Type(2, BE) ‖ Length(2, BE) ‖ Value.
//
//  * tokenize(): splits a buffer into an AttrList, a NON-OWNING, ordered view of
//    {type, value span, offset}. Two-stage parsing as in ARCHITECTURE C5: tokenize first, then
//    the message parsers (msg_*.hpp) decode the view into typed structs.
//  * BasicTlvWriter / TlvWriter / SecretTlvWriter: append attributes; lengths are asserted
//    against the attribute table (a violation is a bug in the caller: WPS_ASSERT).
//  * Vendor Extension (0x1049): VendorExtension (raw, any vendor) and WfaExtension (the WFA
//    00 37 2A sub-elements, decoded), with their parser and encoder.
//
// Offsets: every offset in an Error and in an Attr counts octets from the start of the buffer
// handed to the outermost parser (tokenize's `base_offset` lets nested parsers keep that frame).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/assert.hpp"
#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/secret.hpp"
#include "wsc/attr_table.hpp"

namespace wps::wsc {

// ---------------------------------------------------------------------------------------------
// Tokenizer

enum class TokenizeMode {
  /// Framing + the attribute table: length rules and duplicates of non-repeatable types.
  Strict,
  /// Framing only (for the analyzer and for Authenticator/KWA position checks).
  FramingOnly,
};

/// One attribute of a tokenized buffer. `value` points INTO the tokenized buffer.
struct Attr {
  std::uint16_t type = 0;
  ByteView value;
  std::uint32_t offset = 0;  ///< offset of the Type field (first octet of the TLV)

  [[nodiscard]] AttrType attr_type() const { return static_cast<AttrType>(type); }
  [[nodiscard]] std::uint32_t value_offset() const { return offset + 4; }
  /// Offset one past the last octet of the value.
  [[nodiscard]] std::uint32_t end_offset() const {
    return offset + 4 + static_cast<std::uint32_t>(value.size());
  }
};

/// The attributes of one buffer, in wire order. Lifetime: every ByteView in it (including
/// data()) points into the buffer given to tokenize(); that buffer must outlive the AttrList
/// and everything taken from it.
class AttrList {
 public:
  AttrList() = default;

  [[nodiscard]] ByteView data() const { return data_; }
  [[nodiscard]] std::size_t base_offset() const { return base_; }
  [[nodiscard]] std::size_t size() const { return attrs_.size(); }
  [[nodiscard]] bool empty() const { return attrs_.empty(); }
  [[nodiscard]] auto begin() const { return attrs_.begin(); }
  [[nodiscard]] auto end() const { return attrs_.end(); }
  [[nodiscard]] const Attr& operator[](std::size_t i) const { return attrs_[i]; }
  [[nodiscard]] const Attr& back() const {
    WPS_ASSERT(!attrs_.empty());
    return attrs_.back();
  }

  /// The first attribute of that type, or nullptr.
  [[nodiscard]] const Attr* first(AttrType t) const;
  /// Every attribute of that type, in wire order.
  [[nodiscard]] std::vector<Attr> all(AttrType t) const;
  [[nodiscard]] bool has(AttrType t) const { return first(t) != nullptr; }
  [[nodiscard]] std::size_t count(AttrType t) const;

 private:
  friend Result<AttrList> tokenize(ByteView data, std::size_t base_offset, TokenizeMode mode);
  ByteView data_;
  std::size_t base_ = 0;
  std::vector<Attr> attrs_;
};

/// Walks the TLVs of `data` in wire order without collecting them: calls `f(const Attr&)`, which
/// returns Result<bool> (true: go on, false: stop here, an error: stop with it). Framing errors
/// as tokenize's: AttrTruncated at the first octet of a TLV whose header or value runs past the
/// end. For callers that need one attribute (peek_message_type) or the last one
/// (verify_authenticator) and no list.
template <typename F>
Result<void> walk_tlvs(ByteView data, std::size_t base_offset, F&& f) {
  ByteReader r(data, base_offset);
  while (!r.empty()) {
    const std::size_t at = r.offset();
    if (r.remaining() < 4) {
      std::uint16_t partial_type = 0;
      if (r.remaining() >= 2) partial_type = *r.u16be();
      return unexpected(Errc::AttrTruncated, at, partial_type);
    }
    const std::uint16_t type = *r.u16be();
    const std::uint16_t len = *r.u16be();
    auto value = r.take(len);
    if (!value) return unexpected(Errc::AttrTruncated, at, type);
    WPS_TRY_ASSIGN(const bool more, f(Attr{type, *value, static_cast<std::uint32_t>(at)}));
    if (!more) break;
  }
  return ok();
}

/// Splits `data` into TLVs. `base_offset` is added to every reported offset (use it when `data`
/// is a sub-buffer, e.g. the value of a Credential).
/// Errors (offset = first octet of the offending TLV, attr = its type when readable):
///  - AttrTruncated: fewer than 4 octets left for a header, or the Length runs past the end;
///  - AttrBadLength (Strict): a known type whose length breaks its table rule;
///  - AttrDuplicate (Strict): a second occurrence of a non-repeatable known type (offset of the
///    second one).
/// Unknown types are kept, with no length rule and no duplicate check. An empty buffer gives
/// an empty list.
Result<AttrList> tokenize(ByteView data, std::size_t base_offset = 0,
                          TokenizeMode mode = TokenizeMode::Strict);

// ---------------------------------------------------------------------------------------------
// Writer

namespace detail {
/// WPS_ASSERTs that `len` fits the 16-bit Length field and, for a known type, its table rule.
void assert_attr_length(std::uint16_t type, std::size_t len);
}  // namespace detail

/// Appends TLVs to a buffer (Bytes for messages, crypto::SecretBytes for plaintext that will be
/// encrypted). Precondition of every call: the value fits the type's table rule (asserted).
template <typename Buffer>
class BasicTlvWriter {
 public:
  BasicTlvWriter() = default;
  /// Reserves `capacity` octets up front (a whole message is then built without regrowing).
  explicit BasicTlvWriter(std::size_t capacity) { buf_.reserve(capacity); }

  BasicTlvWriter& u8(AttrType t, std::uint8_t v) {
    header(to_u16(t), 1);
    buf_.push_back(v);
    return *this;
  }
  BasicTlvWriter& u16(AttrType t, std::uint16_t v) {
    header(to_u16(t), 2);
    put16(v);
    return *this;
  }
  BasicTlvWriter& u32(AttrType t, std::uint32_t v) {
    header(to_u16(t), 4);
    put16(static_cast<std::uint16_t>(v >> 16));
    put16(static_cast<std::uint16_t>(v));
    return *this;
  }
  BasicTlvWriter& bytes(AttrType t, ByteView v) { return raw_attr(to_u16(t), v); }
  BasicTlvWriter& text(AttrType t, std::string_view s) { return raw_attr(to_u16(t), as_bytes(s)); }
  /// Any type code, e.g. an unknown attribute passed through.
  BasicTlvWriter& raw_attr(std::uint16_t type, ByteView v) {
    header(type, v.size());
    buf_.insert(buf_.end(), v.begin(), v.end());
    return *this;
  }
  /// Pre-encoded TLVs, appended as they are.
  BasicTlvWriter& append(ByteView tlvs) {
    buf_.insert(buf_.end(), tlvs.begin(), tlvs.end());
    return *this;
  }
  /// Starts a nested attribute (e.g. Credential); returns a mark for end_nested().
  [[nodiscard]] std::size_t begin_nested(AttrType t) {
    std::size_t mark = buf_.size();
    put16(to_u16(t));
    put16(0);
    return mark;
  }
  /// Patches the Length of the attribute started at `mark` to cover everything written since.
  void end_nested(std::size_t mark) {
    WPS_ASSERT(mark + 4 <= buf_.size());
    std::size_t len = buf_.size() - mark - 4;
    auto type = static_cast<std::uint16_t>((buf_[mark] << 8) | buf_[mark + 1]);
    detail::assert_attr_length(type, len);
    buf_[mark + 2] = static_cast<std::uint8_t>(len >> 8);
    buf_[mark + 3] = static_cast<std::uint8_t>(len);
  }

  [[nodiscard]] std::size_t size() const { return buf_.size(); }
  [[nodiscard]] ByteView view() const { return ByteView(buf_.data(), buf_.size()); }
  Buffer take() { return std::move(buf_); }

 private:
  void put16(std::uint16_t v) {
    const std::uint8_t b[2] = {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    buf_.insert(buf_.end(), b, b + 2);
  }
  void header(std::uint16_t type, std::size_t len) {
    detail::assert_attr_length(type, len);
    put16(type);
    put16(static_cast<std::uint16_t>(len));
  }
  Buffer buf_;
};

using TlvWriter = BasicTlvWriter<Bytes>;
using SecretTlvWriter = BasicTlvWriter<crypto::SecretBytes>;

// ---------------------------------------------------------------------------------------------
// Vendor Extension (0x1049)

/// A Vendor Extension of any vendor, kept raw: Vendor ID(3) ‖ data.
struct VendorExtension {
  std::array<std::uint8_t, 3> vendor_id{};
  Bytes data;
  friend bool operator==(const VendorExtension&, const VendorExtension&) = default;
};

/// A WFA sub-element whose ID is not in the table, kept raw (and re-emitted by the encoder).
struct WfaSubelement {
  std::uint8_t id = 0;
  Bytes data;
  friend bool operator==(const WfaSubelement&, const WfaSubelement&) = default;
};

/// The decoded WFA Vendor Extension (Vendor ID 00 37 2A), WPS-FACTS §4. Absent sub-elements are
/// nullopt / empty. A default-constructed WfaExtension is empty (encodes to nothing); messages
/// default theirs to WfaExtension::v2().
struct WfaExtension {
  std::optional<std::uint8_t> version2;                   ///< 0x00
  std::optional<bool> request_to_enroll;                  ///< 0x03
  std::vector<MacAddr> authorized_macs;                   ///< 0x01, at most 5; empty = absent
  std::optional<bool> network_key_shareable;              ///< 0x02
  std::optional<std::uint8_t> settings_delay_time;        ///< 0x04, seconds
  std::optional<std::uint16_t> registrar_config_methods;  ///< 0x05
  std::optional<std::uint8_t> multi_ap_extension;         ///< 0x06
  std::optional<std::uint8_t> multi_ap_profile;           ///< 0x07
  std::optional<std::uint16_t> multi_ap_8021q;            ///< 0x08
  std::vector<WfaSubelement> unknown;                     ///< IDs not in the table, wire order

  [[nodiscard]] bool empty() const;
  /// {version2 = kVersion2}: what every WSC 2.0 message carries.
  static WfaExtension v2() {
    WfaExtension e;
    e.version2 = kVersion2;
    return e;
  }
  friend bool operator==(const WfaExtension&, const WfaExtension&) = default;
};

/// Decodes WFA sub-elements (`data` = the vendor data AFTER 00 37 2A; `base_offset` = offset of
/// data[0]). Errors, all VendorExtMalformed with attr 0x1049 and the offset of the offending
/// sub-element: a header or value running past the end, a length breaking the sub-element
/// table rule (e.g. AuthorizedMACs not 6n, n in 1..5), or a known ID appearing twice.
Result<WfaExtension> parse_wfa_subelements(ByteView data, std::size_t base_offset = 0);

/// Encodes the sub-elements in hostapd's order (Version2, Request to Enroll, AuthorizedMACs,
/// Multi-AP [H-attr wps_build_wfa_ext]; the others, which hostapd does not emit there, after
/// AuthorizedMACs in ID order), then the unknown ones. Precondition: at most 5 authorized MACs.
Bytes encode_wfa_subelements(const WfaExtension& ext);

/// All Vendor Extensions of one container.
struct VendorExtensions {
  /// The first WFA vendor extension with sub-elements, decoded (or empty); a WFA extension
  /// without sub-elements before it is skipped (it carries nothing).
  WfaExtension wfa;
  std::vector<VendorExtension> other;  ///< every other one (incl. further WFA ones), wire order
};

/// Collects the Vendor Extension attributes of `list` (tokenized Strict, so each has >= 3
/// octets). Errors: those of parse_wfa_subelements.
Result<VendorExtensions> parse_vendor_extensions(const AttrList& list);

/// Appends the WFA vendor extension (if `wfa` is not empty) followed by `other`, as Vendor
/// Extension TLVs.
template <typename Buffer>
void write_vendor_extensions(BasicTlvWriter<Buffer>& w, const WfaExtension& wfa,
                             std::span<const VendorExtension> other) {
  // Each written in place: header, vendor ID, data, then the Length patched (end_nested also
  // checks it against the table rule).
  if (!wfa.empty()) {
    const std::size_t mark = w.begin_nested(AttrType::VendorExtension);
    w.append(kWfaVendorId);
    w.append(encode_wfa_subelements(wfa));
    w.end_nested(mark);
  }
  for (const auto& e : other) {
    const std::size_t mark = w.begin_nested(AttrType::VendorExtension);
    w.append(e.vendor_id);
    w.append(e.data);
    w.end_nested(mark);
  }
}

}  // namespace wps::wsc
