// Entry point for "any 802.11 frame": FCS handling plus dispatch to the management and data
// codecs. This is what the MLME engines, the analyzer and the fuzz target call.
#pragma once

#include <variant>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "dot11/data.hpp"
#include "dot11/frame.hpp"
#include "dot11/mgmt.hpp"

namespace wps::dot11 {

using Frame = std::variant<MgmtFrame, DataFrame>;

/// Frame Control of a frame without parsing the rest. Errors: Truncated @0 (fewer than 2 octets).
Result<FrameControl> peek_frame_control(ByteView frame);

/// Strips the FCS according to `fcs` (see strip_fcs), then parses a management or data frame.
/// Error offsets count from the first octet of `frame`.
/// Errors: those of strip_fcs, parse_mgmt and parse_data, plus
///   Truncated @0             — fewer than 2 octets;
///   Dot11BadFrameControl @0  — protocol version != 0;
///   Dot11UnsupportedFrame @0 — control frames (type 1) and Extension frames (type 3).
Result<Frame> parse_frame(ByteView frame, FcsMode fcs = FcsMode::Absent);

/// Serializes either kind; appends the FCS when `with_fcs`.
Bytes build_frame(const Frame& frame, bool with_fcs = false);

}  // namespace wps::dot11
