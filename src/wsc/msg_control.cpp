// WSC_ACK / WSC_NACK / WSC_Done. Order [IO pcap: Done/ACK 104a 1022 101a 1039 1049; NACK
// 104a 1022 101a 1039 1009 1049].
#include "wsc/msg_control.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;

namespace {

template <typename M>
Bytes build_simple(MsgType t, const M& m, const ConfigError* err) {
  TlvWriter w = detail::start_message(t);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  if (err != nullptr) w.u16(AttrType::ConfigurationError, static_cast<std::uint16_t>(*err));
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return w.take();
}

template <typename M>
Result<M> parse_simple(ByteView msg, MsgType t, const Schema& schema) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, t, schema));
  M m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  if constexpr (std::is_same_v<M, WscNack>) {
    WPS_TRY_ASSIGN(auto err, detail::need_u16(l, AttrType::ConfigurationError));
    m.config_error = static_cast<ConfigError>(err);
  }
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(l));
  m.wfa_ext = std::move(ve.wfa);
  m.vendor_ext = std::move(ve.other);
  return m;
}

}  // namespace

Bytes build_wsc_ack(const WscAck& m) {
  return build_simple(MsgType::WscAck, m, nullptr);
}
Bytes build_wsc_nack(const WscNack& m) {
  return build_simple(MsgType::WscNack, m, &m.config_error);
}
Bytes build_wsc_done(const WscDone& m) {
  return build_simple(MsgType::WscDone, m, nullptr);
}

Result<WscAck> parse_wsc_ack(ByteView msg) {
  return parse_simple<WscAck>(msg, MsgType::WscAck, kSchemaWscAck);
}
Result<WscNack> parse_wsc_nack(ByteView msg) {
  return parse_simple<WscNack>(msg, MsgType::WscNack, kSchemaWscNack);
}
Result<WscDone> parse_wsc_done(ByteView msg) {
  return parse_simple<WscDone>(msg, MsgType::WscDone, kSchemaWscDone);
}

}  // namespace wps::wsc
