#include "wpa2/fourway.hpp"

namespace wps::wpa2 {

std::uint16_t deauth_reason_for(Errc r) {
  switch (r) {
    // IEEE 802.11-2020 §12.7.6.3/§12.7.6.4: an RSNE in message 2 (3) that differs from the
    // (Re)Association Request (Beacon/Probe Response) ends the association with reason 17.
    case Errc::KeyRsnIeMismatch: return reason::kIeInFourWayDiffers;
    case Errc::KeyDataMalformed: return reason::kInvalidElement;
    default: return reason::kFourWayHandshakeTimeout;
  }
}

}  // namespace wps::wpa2
