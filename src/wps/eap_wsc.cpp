#include "wps/eap_wsc.hpp"

#include <algorithm>

namespace wps::proto {

using eap::EapCode;
using eap::EapIdentifier;
using eap::EapType;
using eap::WscOpCode;

namespace {

// A failure found by the EAP layer (timeout, broken fragment train): reported at the message the
// engine was waiting for, after the last one it sent, as the engines' own timeouts are (M1 and
// no `after` when no engine runs yet).
Failed eap_layer_failure(Errc reason, const Registrar* r, const Enrollee* e, wsc::ConfigError ce) {
  Failed f{reason, wsc::MsgType::M1, ce, false, false, std::nullopt};
  if (r != nullptr) {
    f.at = r->awaited();
    f.after = r->last_sent();
  } else if (e != nullptr) {
    f.at = e->awaited();
    f.after = e->last_sent();
  }
  return f;
}
Failed timeout_failure(const Registrar* r, const Enrollee* e, wsc::ConfigError ce) {
  return eap_layer_failure(Errc::SessionTimeout, r, e, ce);
}

std::optional<TimePoint> earliest(std::optional<TimePoint> a, std::optional<TimePoint> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

TraceEvent trace(TimePoint now, std::string_view src, std::string_view kind, std::string from,
                 std::string to) {
  return TraceEvent{now, src, kind, std::move(from), std::move(to)};
}

/// Moves an engine's outputs into the EAP output queue; returns the messages it wants sent and
/// whether it reached its end.
template <typename Engine>
std::vector<SendMessage> drain(Engine& e, OutputQueue<EapOutput>& out, bool& done) {
  std::vector<SendMessage> send;
  while (auto o = e.poll_output()) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, SendMessage>) {
            send.push_back(std::move(v));
          } else {
            if constexpr (std::is_same_v<T, Succeeded> || std::is_same_v<T, Failed>) done = true;
            out.emplace(std::move(v));
          }
        },
        std::move(*o));
  }
  return send;
}

}  // namespace

// ============================== EapWscServer (AP) ==============================

EapWscServer::EapWscServer(EapWscServerConfig cfg, Rng& rng)
    : cfg_(std::move(cfg)),
      rng_(rng),
      frag_(std::max(cfg_.fragment_size, eap::kMinFragThreshold)) {}
EapWscServer::~EapWscServer() = default;

std::optional<EapOutput> EapWscServer::poll_output() {
  return out_.poll();
}

std::optional<TimePoint> EapWscServer::next_deadline() const {
  if (state_ == State::Finished) return std::nullopt;
  std::optional<TimePoint> d = retransmit_at_;
  if (registrar_) d = earliest(d, registrar_->next_deadline());
  if (enrollee_) d = earliest(d, enrollee_->next_deadline());
  return d;
}

void EapWscServer::send_request(Bytes eap_packet, TimePoint now) {
  last_request_ = eap::build_eapol(eap::EapolType::EapPacket, eap_packet, cfg_.eapol_version);
  out_.emplace(SendEapol{last_request_});
  retransmits_ = 0;
  retransmit_at_ = now + cfg_.timers.retransmit;
}

void EapWscServer::start(TimePoint now) {
  if (state_ != State::Idle) return;
  std::array<std::uint8_t, 1> first{};
  rng_.fill(first);  // RFC 3748 §4: the first identifier should be unpredictable
  id_ = EapIdentifier(first[0]);
  state_ = State::WaitIdentity;
  out_.emplace(trace(now, "eap-server", "state", "idle", "wait-identity"));
  send_request(eap::build_identity(EapCode::Request, id_, {}), now);
}

void EapWscServer::send_wsc_request(const Bytes& payload, TimePoint now) {
  id_ = eap::next_identifier(id_);
  send_request(eap::build_wsc(EapCode::Request, id_, payload), now);
}

void EapWscServer::fail_and_finish(TimePoint now) {
  // §3.3: EAP-WSC always ends in EAP-Failure, with the identifier of the last response (IO).
  out_.emplace(SendEapol{eap::build_eapol(
      eap::EapolType::EapPacket, eap::build_eap_failure(last_resp_id_), cfg_.eapol_version)});
  retransmit_at_.reset();
  state_ = State::Finished;
  out_.emplace(trace(now, "eap-server", "state", "running", "finished"));
  out_.emplace(EapFinished{});
}

void EapWscServer::fail_in_eap_layer(Errc reason, wsc::ConfigError ce, TimePoint now) {
  // The engine has not ended the run itself: report where it stood, then end the conversation.
  if (!engine_done_) {
    out_.emplace(eap_layer_failure(reason, registrar_.get(), enrollee_.get(), ce));
  }
  fail_and_finish(now);
}

void EapWscServer::on_eapol(ByteView frame, TimePoint now) {
  auto f = eap::parse_eapol(frame);
  if (!f) {
    out_.emplace(trace(now, "eap-server", "drop", "eapol", describe(f.error())));
    return;
  }
  if (f->type == eap::EapolType::Start) {
    if (state_ == State::Idle) {
      start(now);
    } else if (state_ == State::WaitIdentity) {
      // The station (re)started before answering: ask again with a fresh identifier.
      id_ = eap::next_identifier(id_);
      send_request(eap::build_identity(EapCode::Request, id_, {}), now);
    } else {
      out_.emplace(trace(now, "eap-server", "drop", "EAPOL-Start", "conversation running"));
    }
    return;
  }
  if (f->type != eap::EapolType::EapPacket || state_ == State::Idle || state_ == State::Finished) {
    out_.emplace(trace(now, "eap-server", "drop", "eapol", "not expected now"));
    return;
  }
  auto p = eap::parse_eap(f->body, f->body_offset);
  if (!p) {
    out_.emplace(trace(now, "eap-server", "drop", "eap", describe(p.error())));
    return;
  }
  if (p->code != EapCode::Response || p->id != id_) {
    // RFC 3748 §4.1: only a response to the outstanding request counts; a late duplicate of an
    // earlier response is silently discarded.
    out_.emplace(trace(now, "eap-server", "drop", "eap", "not a response to the current request"));
    return;
  }
  on_response(*p, now);
}

void EapWscServer::on_response(const eap::EapPacket& p, TimePoint now) {
  retransmit_at_.reset();
  last_resp_id_ = p.id;
  if (state_ == State::WaitIdentity) {
    auto ident = p.type == EapType::Identity ? eap::parse_identity(p)
                                             : Result<ByteView>(unexpected(Errc::EapBadType));
    std::string_view who = ident ? as_chars(*ident) : std::string_view{};
    if (who == eap::kIdentityEnrollee) {
      registrar_ = std::make_unique<Registrar>(cfg_.registrar, rng_);
      state_ = State::Running;
      send_wsc_request(eap::build_wsc_payload(WscOpCode::WscStart, {}), now);
      return;
    }
    if (who == eap::kIdentityRegistrar && cfg_.ap_enrollee) {
      // AP-PIN method: we are the enrollee; M1 goes in the first WSC request (no WSC_Start).
      enrollee_ = std::make_unique<Enrollee>(*cfg_.ap_enrollee, rng_);
      state_ = State::Running;
      enrollee_->start(now);
      pump_engine(now);
      return;
    }
    out_.emplace(Failed{Errc::EapIdentityRejected, wsc::MsgType::M1, wsc::ConfigError::NoError,
                        false, false, std::nullopt});
    fail_and_finish(now);
    return;
  }
  auto w = eap::parse_wsc(p);
  if (!w) {
    out_.emplace(trace(now, "eap-server", "fail", "eap-wsc", describe(w.error())));
    fail_in_eap_layer(w.error().code, wsc::ConfigError::NoError, now);
    return;
  }
  if (frag_.awaiting_frag_ack()) {
    auto ex = eap::parse_expanded(p);  // parse_wsc succeeded, so this does too
    auto next = frag_.on_peer_payload(ex->data, ex->data_offset);
    if (!next) {
      fail_in_eap_layer(next.error().code, wsc::ConfigError::NoError, now);
      return;
    }
    send_wsc_request(*next, now);
    return;
  }
  auto msg = reasm_.feed(*w);
  if (!msg) {
    if (msg.error().code == Errc::NeedMore) {
      send_wsc_request(eap::frag_ack_payload(), now);
      return;
    }
    fail_in_eap_layer(msg.error().code, wsc::ConfigError::NoError, now);
    return;
  }
  deliver(*msg, now);
}

void EapWscServer::deliver(const eap::WscMessage& m, TimePoint now) {
  if (registrar_) registrar_->on_message(m.data, now);
  if (enrollee_) enrollee_->on_message(m.data, now);
  pump_engine(now);
}

void EapWscServer::pump_engine(TimePoint now) {
  std::vector<SendMessage> send;
  if (registrar_) send = drain(*registrar_, out_, engine_done_);
  if (enrollee_) send = drain(*enrollee_, out_, engine_done_);
  if (!send.empty()) {
    // One message per request: the registration protocol is lock-step.
    const SendMessage& m = send.back();
    auto first = frag_.start(op_code_for(m.type), m.payload);
    WPS_ASSERT(first.has_value());  // our messages are far below the 50000-octet limit
    send_wsc_request(*first, now);
    return;
  }
  // Nothing more to say: the registration is over (or the engine dropped the message).
  fail_and_finish(now);
}

void EapWscServer::on_deadline(TimePoint now) {
  if (state_ == State::Finished) return;
  if (registrar_) registrar_->on_deadline(now);
  if (enrollee_) enrollee_->on_deadline(now);
  bool was_done = engine_done_;
  if (registrar_) (void)drain(*registrar_, out_, engine_done_);
  if (enrollee_) (void)drain(*enrollee_, out_, engine_done_);
  if (engine_done_ && !was_done) {
    fail_and_finish(now);
    return;
  }
  if (retransmit_at_ && now >= *retransmit_at_) {
    if (retransmits_ < cfg_.timers.max_retransmits) {
      ++retransmits_;
      out_.emplace(trace(now, "eap-server", "tx", "retransmission", std::to_string(retransmits_)));
      out_.emplace(SendEapol{last_request_});
      retransmit_at_ = now + cfg_.timers.retransmit;
    } else {
      fail_in_eap_layer(Errc::SessionTimeout, wsc::ConfigError::MessageTimeout, now);
    }
  }
}

// ============================== EapWscPeer (station) ==============================

EapWscPeer::EapWscPeer(EapWscPeerConfig cfg, Rng& rng)
    : cfg_(std::move(cfg)), rng_(rng), frag_(std::max(cfg_.fragment_size, eap::kMinFragThreshold)) {
  WPS_ASSERT(cfg_.enrollee.has_value() != cfg_.registrar.has_value());
}
EapWscPeer::~EapWscPeer() = default;

std::optional<EapOutput> EapWscPeer::poll_output() {
  return out_.poll();
}

std::optional<TimePoint> EapWscPeer::next_deadline() const {
  if (state_ == State::Finished || state_ == State::Idle) return std::nullopt;
  std::optional<TimePoint> d = earliest(start_at_, silence_at_);
  if (registrar_) d = earliest(d, registrar_->next_deadline());
  if (enrollee_) d = earliest(d, enrollee_->next_deadline());
  return d;
}

void EapWscPeer::start(TimePoint now) {
  if (state_ != State::Idle) return;
  state_ = State::Starting;
  starts_ = 1;
  out_.emplace(SendEapol{eap::build_eapol_start(cfg_.eapol_version)});
  start_at_ = now + cfg_.timers.start_period;
}

void EapWscPeer::respond(EapIdentifier id, Bytes eap_packet, TimePoint now) {
  last_response_ = eap::build_eapol(eap::EapolType::EapPacket, eap_packet, cfg_.eapol_version);
  last_req_id_ = id;
  out_.emplace(SendEapol{last_response_});
  silence_at_ = now + cfg_.timers.peer_timeout;
}

void EapWscPeer::finish(TimePoint now) {
  state_ = State::Finished;
  start_at_.reset();
  silence_at_.reset();
  out_.emplace(trace(now, "eap-peer", "state", "running", "finished"));
  out_.emplace(EapFinished{});
}

void EapWscPeer::on_eapol(ByteView frame, TimePoint now) {
  if (state_ == State::Finished) return;
  auto f = eap::parse_eapol(frame);
  if (!f || f->type != eap::EapolType::EapPacket) {
    out_.emplace(
        trace(now, "eap-peer", "drop", "eapol", f ? "not an EAP packet" : describe(f.error())));
    return;
  }
  auto p = eap::parse_eap(f->body, f->body_offset);
  if (!p) {
    out_.emplace(trace(now, "eap-peer", "drop", "eap", describe(p.error())));
    return;
  }
  if (p->code == EapCode::Failure || p->code == EapCode::Success) {
    if (!engine_done_) {
      // The AP ended the conversation before the registration ended.
      Failed ended = eap_layer_failure(Errc::EapFailure, registrar_.get(), enrollee_.get(),
                                       wsc::ConfigError::NoError);
      ended.by_peer = true;
      out_.emplace(ended);
    }
    finish(now);
    return;
  }
  if (p->code != EapCode::Request) return;
  on_request(*p, now);
}

void EapWscPeer::on_request(const eap::EapPacket& p, TimePoint now) {
  start_at_.reset();
  if (last_req_id_ && *last_req_id_ == p.id && !last_response_.empty()) {
    // RFC 3748 §4.1: a retransmitted request gets the same response again.
    out_.emplace(trace(now, "eap-peer", "check", "duplicate request", "response sent again"));
    out_.emplace(SendEapol{last_response_});
    return;
  }
  state_ = State::Running;
  if (p.type == EapType::Identity) {
    auto who = cfg_.enrollee ? eap::kIdentityEnrollee : eap::kIdentityRegistrar;
    if (cfg_.registrar && !registrar_)
      registrar_ = std::make_unique<Registrar>(*cfg_.registrar, rng_);
    respond(p.id, eap::build_identity(EapCode::Response, p.id, who), now);
    return;
  }
  auto w = eap::parse_wsc(p);
  if (!w) {
    out_.emplace(trace(now, "eap-peer", "drop", "eap-wsc", describe(w.error())));
    return;
  }
  if (w->op == WscOpCode::WscStart) {
    if (cfg_.enrollee && !enrollee_) {
      enrollee_ = std::make_unique<Enrollee>(*cfg_.enrollee, rng_);
      enrollee_->start(now);
      pump_engine(p.id, now);
    } else {
      out_.emplace(trace(now, "eap-peer", "drop", "WSC_Start", "not expected"));
    }
    return;
  }
  if (frag_.awaiting_frag_ack()) {
    auto ex = eap::parse_expanded(p);  // parse_wsc succeeded, so this does too
    auto next = frag_.on_peer_payload(ex->data, ex->data_offset);
    if (next) {
      respond(p.id, eap::build_wsc(EapCode::Response, p.id, *next), now);
    } else {
      out_.emplace(trace(now, "eap-peer", "drop", "fragment", describe(next.error())));
    }
    return;
  }
  auto msg = reasm_.feed(*w);
  if (!msg) {
    if (msg.error().code == Errc::NeedMore) {
      respond(p.id, eap::build_wsc(EapCode::Response, p.id, eap::frag_ack_payload()), now);
    } else {
      out_.emplace(trace(now, "eap-peer", "drop", "fragment", describe(msg.error())));
    }
    return;
  }
  deliver(*msg, p.id, now);
}

void EapWscPeer::deliver(const eap::WscMessage& m, EapIdentifier id, TimePoint now) {
  if (enrollee_) enrollee_->on_message(m.data, now);
  if (registrar_) registrar_->on_message(m.data, now);
  pump_engine(id, now);
}

void EapWscPeer::pump_engine(EapIdentifier id, TimePoint now) {
  std::vector<SendMessage> send;
  if (enrollee_) send = drain(*enrollee_, out_, engine_done_);
  if (registrar_) send = drain(*registrar_, out_, engine_done_);
  if (send.empty()) return;  // nothing to answer; the AP will end with EAP-Failure
  const SendMessage& m = send.back();
  auto first = frag_.start(op_code_for(m.type), m.payload);
  WPS_ASSERT(first.has_value());
  respond(id, eap::build_wsc(EapCode::Response, id, *first), now);
}

void EapWscPeer::on_deadline(TimePoint now) {
  if (state_ == State::Finished || state_ == State::Idle) return;
  if (enrollee_) enrollee_->on_deadline(now);
  if (registrar_) registrar_->on_deadline(now);
  if (enrollee_) (void)drain(*enrollee_, out_, engine_done_);
  if (registrar_) (void)drain(*registrar_, out_, engine_done_);
  if (start_at_ && now >= *start_at_) {
    if (starts_ < cfg_.timers.max_starts) {
      ++starts_;
      out_.emplace(SendEapol{eap::build_eapol_start(cfg_.eapol_version)});
      start_at_ = now + cfg_.timers.start_period;
      return;
    }
    out_.emplace(timeout_failure(registrar_.get(), enrollee_.get(), wsc::ConfigError::NoError));
    finish(now);
    return;
  }
  if (silence_at_ && now >= *silence_at_) {
    if (!engine_done_) {
      out_.emplace(
          timeout_failure(registrar_.get(), enrollee_.get(), wsc::ConfigError::MessageTimeout));
    }
    finish(now);
  }
}

}  // namespace wps::proto
