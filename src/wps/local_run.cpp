#include "wps/local_run.hpp"

namespace wps::proto {

namespace {
struct Collector {
  LocalRun& run;
  bool enrollee;
  std::vector<SendMessage>& out;  ///< messages to hand to the other side, appended
  void operator()(SendMessage&& m) { out.push_back(std::move(m)); }
  void operator()(KeyLogEntry&& k) { run.keylog.push_back(std::move(k)); }
  void operator()(PinNeeded&& p) { run.pin_needed = std::move(p); }
  void operator()(Succeeded&& s) { (enrollee ? run.enrollee_ok : run.registrar_ok) = std::move(s); }
  void operator()(Failed&& f) { (enrollee ? run.enrollee_failed : run.registrar_failed) = f; }
  void operator()(TraceEvent&&) {}
};

template <typename E>
void pump(E& e, LocalRun& run, bool enrollee, std::vector<SendMessage>& out) {
  Collector c{run, enrollee, out};
  while (auto o = e.poll_output()) std::visit(c, std::move(*o));
}
}  // namespace

LocalRun run_local_registration(EnrolleeConfig ec, Rng& enrollee_rng, RegistrarConfig rc,
                                Rng& registrar_rng) {
  LocalRun run;
  run.steps.reserve(16);  // M1..M8 and WSC_Done, with room for a NACK or a retry
  Enrollee enr(std::move(ec), enrollee_rng);
  Registrar reg(std::move(rc), registrar_rng);
  const TimePoint now{};
  std::vector<SendMessage> to_reg, to_enr;
  enr.start(now);
  pump(enr, run, true, to_reg);
  // Each message is delivered, then moved into the record (nothing is copied).
  for (int guard = 0; guard < 64 && !to_reg.empty(); ++guard) {
    for (auto& m : to_reg) {
      reg.on_message(m.payload, now);
      run.steps.push_back({true, std::move(m)});
      pump(reg, run, false, to_enr);
    }
    to_reg.clear();
    for (auto& m : to_enr) {
      enr.on_message(m.payload, now);
      run.steps.push_back({false, std::move(m)});
      pump(enr, run, true, to_reg);
    }
    to_enr.clear();
  }
  return run;
}

}  // namespace wps::proto
