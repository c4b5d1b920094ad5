#include "apps/wpslab/link_runner.hpp"

#include <cstdio>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "crypto/crypto.hpp"
#include "eap/eapol.hpp"

namespace wpslab {

LinkRunner::LinkRunner(LinkOptions o) : o_(std::move(o)) {
  // OpenSSL's one-time set-up now, not inside the first registration on the wire.
  wps::crypto::warm_up();
  sock_ = std::make_unique<wps::io::PacketSocket>(o_.iface, wps::eap::kEtherTypeEapol,
                                                  wps::eap::kPaeGroupAddress);
  double unix0 = loop_.unix_seconds(wps::TimePoint{});
  epoch_s_ = static_cast<std::int64_t>(std::floor(unix0));
  epoch_frac_ns_ = static_cast<std::int64_t>((unix0 - static_cast<double>(epoch_s_)) * 1e9);
  if (!o_.pcap.empty()) {
    wps::pcap::WriterOptions wo;
    wo.linktype = wps::pcap::Linktype::Ethernet;
    wo.epoch_unix_seconds = epoch_s_;
    auto w = wps::pcap::Writer::open(o_.pcap, wo);
    if (!w)
      throw std::runtime_error("cannot write pcap " + o_.pcap + ": " +
                               std::string(wps::to_string(w.error().code)));
    pcap_.emplace(std::move(*w));
  }
  if (!o_.keylog.empty()) {
    keylog_.open(o_.keylog, std::ios::out | std::ios::trunc);
    if (!keylog_) throw std::runtime_error("cannot write key log " + o_.keylog);
  }
}

LinkRunner::~LinkRunner() = default;

void LinkRunner::send(wps::ByteView frame, wps::TimePoint now) {
  sock_->send(frame);
  if (pcap_) (void)pcap_->write(now + std::chrono::nanoseconds(epoch_frac_ns_), frame);
}

void LinkRunner::record_rx(wps::ByteView frame, wps::TimePoint now) {
  if (pcap_) (void)pcap_->write(now + std::chrono::nanoseconds(epoch_frac_ns_), frame);
}

void print_note(const wps::interop::Note& n, wps::TimePoint now, bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["t"] = std::round(now.seconds() * 1e6) / 1e6;
    j["event"] = n.event;
    if (n.mac) j["mac"] = n.mac->str();
    for (const auto& [k, v] : n.fields) j[k] = v;
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::string line = fmt::format("[{:9.6f}] {}", now.seconds(), n.event);
    if (n.mac) line.append(" ").append(n.mac->str());
    for (const auto& [k, v] : n.fields) line.append(" ").append(k).append("=").append(v);
    std::printf("%s\n", line.c_str());
  }
  std::fflush(stdout);
}

void LinkRunner::emit(const wps::interop::Note& n, wps::TimePoint now) {
  if (n.debug && !o_.verbose) return;
  print_note(n, now, o_.json);
}

void LinkRunner::log(const std::string& event, const std::string& text, wps::TimePoint now) {
  wps::interop::Note n{event, std::nullopt, {{"text", text}}, false};
  emit(n, now);
}

void LinkRunner::keylog(const std::string& line) {
  if (keylog_.is_open()) keylog_ << line << '\n' << std::flush;
}

void LinkRunner::handle(const wps::interop::ServiceOutput& o, wps::TimePoint now) {
  using K = wps::interop::ServiceOutput::Kind;
  switch (o.kind) {
    case K::Frame: send(o.frame, now); break;
    case K::Note: emit(o.note, now); break;
    case K::KeyLog: keylog(o.line); break;
  }
}

void LinkRunner::finish() {
  if (pcap_) {
    auto r = pcap_->close();
    if (!r)
      std::fprintf(stderr, "wpslab: closing pcap failed: %s\n",
                   std::string(wps::to_string(r.error().code)).c_str());
    pcap_.reset();
  }
}

}  // namespace wpslab
