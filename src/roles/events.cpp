#include "roles/events.hpp"

#include "dot11/rsn.hpp"

namespace wps::roles {

Bytes wpa2_psk_ccmp_rsn_ie() {
  return dot11::build_rsn_element(dot11::wpa2_psk_ccmp());
}

}  // namespace wps::roles
