#include "sim/station_node.hpp"

#include <chrono>

#include "crypto/secret.hpp"

namespace wps::sim {

StationNode::StationNode(std::string name, roles::StationConfig cfg, Rng& rng,
                         wpa2::PmkCache* cache, TimePoint start_at, EventSink sink,
                         bool hears_before_start)
    : name_(std::move(name)),
      sta_(std::move(cfg), rng, cache),
      start_at_(start_at),
      sink_(std::move(sink)),
      hears_before_start_(hears_before_start) {}

void StationNode::on_frame(ByteView frame, TimePoint now) {
  now_ = now;
  if (started_ || hears_before_start_) sta_.on_frame(frame, now);
  after(now);
}

std::optional<TimePoint> StationNode::next_deadline() const {
  if (!started_) return start_at_;
  if (linger_until_) return *linger_until_ > now_ ? linger_until_ : std::nullopt;
  return sta_.next_deadline();
}

void StationNode::on_deadline(TimePoint now) {
  now_ = now;
  if (!started_) {
    if (now < start_at_) return;
    started_ = true;
    sta_.start(now);
  } else if (!linger_until_) {
    sta_.on_deadline(now);
  }
  after(now);
}

void StationNode::after(TimePoint now) {
  while (auto e = sta_.poll_event()) sink_(std::move(*e), now);
  if (sta_.done() && !linger_until_) linger_until_ = now + std::chrono::milliseconds(50);
}

void keep_keylog_line(std::vector<KeyLogLine>& keylog, const roles::KeyLog& entry) {
  KeyLogLine line{std::string(entry.label), entry.enrollee, to_hex(crypto::view(entry.value))};
  for (const auto& k : keylog)
    if (k.label == line.label && k.enrollee == line.enrollee && k.hex == line.hex) return;
  keylog.push_back(std::move(line));
}

}  // namespace wps::sim
