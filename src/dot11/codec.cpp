#include "dot11/codec.hpp"

namespace wps::dot11 {

Result<FrameControl> peek_frame_control(ByteView frame) {
  ByteReader r(frame);
  auto v = r.u16le();
  if (!v) return unexpected(Errc::Truncated, 0);
  return FrameControl::from_u16(*v);
}

Result<Frame> parse_frame(ByteView frame, FcsMode fcs) {
  WPS_TRY_ASSIGN(ByteView body, strip_fcs(frame, fcs));
  WPS_TRY_ASSIGN(FrameControl fc, peek_frame_control(body));
  if (fc.protocol_version != 0) return unexpected(Errc::Dot11BadFrameControl, 0);
  switch (fc.type) {
    case FrameType::Management: {
      WPS_TRY_ASSIGN(auto m, parse_mgmt(body));
      return Frame(std::move(m));
    }
    case FrameType::Data: {
      WPS_TRY_ASSIGN(auto d, parse_data(body));
      return Frame(std::move(d));
    }
    case FrameType::Control:
    case FrameType::Extension:
      // Control frames carry nothing wpslab uses; type 3 is Extension (DMG beacon, S1G) in
      // IEEE 802.11-2020 §9.2.4.1.3, outside wpslab's scope.
      break;
  }
  return unexpected(Errc::Dot11UnsupportedFrame, 0);
}

Bytes build_frame(const Frame& frame, bool with_fcs) {
  Bytes out = std::visit(
      [](const auto& f) -> Bytes {
        if constexpr (std::is_same_v<std::decay_t<decltype(f)>, MgmtFrame>)
          return build_mgmt(f);
        else
          return build_data(f);
      },
      frame);
  return with_fcs ? append_fcs(out) : out;
}

}  // namespace wps::dot11
