// Umbrella header of the stateless WSC codec (namespace wps::wsc).
//
//   attr_table.hpp          AttrType + the one attribute table, WFA sub-elements, §5 enums/flags
//   tlv.hpp                 tokenize() -> AttrList, TlvWriter, Vendor Extension / WfaExtension
//   schema.hpp              per-message required/optional/forbidden sets, check_schema()
//   types.hpp               Iv, E/R-Hash types, Authenticator, DeviceType, DeviceInfo
//   credential.hpp          Credential / AP Settings, network key checks
//   encrypted_settings.hpp  encrypt_settings() / decrypt_settings() with the KWA
//   keys.hpp                DHKey/KDK/AuthKey/KeyWrapKey/EMSK, PSK1/2, E/R-Hash, Authenticator
//   msg_m1_m2.hpp ... msg_control.hpp   typed messages: build_* / parse_* / open_*
//   msg_discovery.hpp       WPS IE of Beacon / Probe / (Re)Assoc, wrap/unwrap of vendor IEs
//   message.hpp             peek_message_type(), verify_authenticator(), parse_message()
#pragma once

#include "wsc/attr_table.hpp"
#include "wsc/credential.hpp"
#include "wsc/encrypted_settings.hpp"
#include "wsc/keys.hpp"
#include "wsc/message.hpp"
#include "wsc/msg_control.hpp"
#include "wsc/msg_discovery.hpp"
#include "wsc/msg_m1_m2.hpp"
#include "wsc/msg_m3_m4.hpp"
#include "wsc/msg_m5_m6.hpp"
#include "wsc/msg_m7_m8.hpp"
#include "wsc/schema.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"
