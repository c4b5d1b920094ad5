// The AP-PIN family of `wpslab run` (WPS-FACTS §6.4, §8): the station is the AP's external
// Registrar (EAP identity WFA-SimpleConfig-Registrar-1-0) and proves the AP's PIN; the AP is the
// Enrollee, M1..M7, and M7's Encrypted Settings carry the AP's current settings.
//
//  ap-pin         two endings, both followed by round 2 and the 4-way handshake:
//                 learn (default; like `wpa_cli wps_reg BSSID PIN`): the registrar answers M7
//                 with WSC_NACK, error 0, and joins with the settings it learned;
//                 new settings (ScenarioConfig::new_ssid/new_passphrase): M8 carries them, the AP
//                 applies them (its beacons change) and the station joins the new network.
//  ap-pin-wrong   the AP's PIN differs in one half (wrong_half): the AP finds R-Hash1 (M4) or
//                 R-Hash2 (M6) wrong and NACKs with error 18; the AP counts a failed AP-PIN proof.
//  ap-pin-locked  the AP's setup is locked (hostapd.conf ap_setup_locked=1): AP Setup Locked = 1
//                 in its beacons and probe responses, M2 answered with WSC_NACK error 15.
#pragma once

#include "sim/scenario.hpp"

namespace wps::sim {

bool is_ap_pin_scenario(Scenario s);
/// Runs one scenario of the family. Errors: SimEventLimit (a runaway run; a bug).
Result<ScenarioResult> run_ap_pin_scenario(const ScenarioConfig& cfg);

}  // namespace wps::sim
