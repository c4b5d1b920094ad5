#include "wps/local_run.hpp"

namespace wps::proto {

namespace {
struct Collector {
  LocalRun& run;
  bool enrollee;
  std::vector<SendMessage> out;
  void operator()(SendMessage&& m) { out.push_back(std::move(m)); }
  void operator()(KeyLogEntry&& k) { run.keylog.push_back(std::move(k)); }
  void operator()(PinNeeded&& p) { run.pin_needed = std::move(p); }
  void operator()(Succeeded&& s) {
    (enrollee ? run.enrollee_ok : run.registrar_ok) = std::move(s);
  }
  void operator()(Failed&& f) { (enrollee ? run.enrollee_failed : run.registrar_failed) = f; }
  void operator()(TraceEvent&&) {}
};

template <typename E>
std::vector<SendMessage> pump(E& e, LocalRun& run, bool enrollee) {
  Collector c{run, enrollee, {}};
  while (auto o = e.poll_output()) std::visit(c, std::move(*o));
  return std::move(c.out);
}
}  // namespace

LocalRun run_local_registration(EnrolleeConfig ec, Rng& enrollee_rng, RegistrarConfig rc,
                                Rng& registrar_rng) {
  LocalRun run;
  Enrollee enr(std::move(ec), enrollee_rng);
  Registrar reg(std::move(rc), registrar_rng);
  const TimePoint now{};
  enr.start(now);
  std::vector<SendMessage> to_reg = pump(enr, run, true);
  for (int guard = 0; guard < 64 && !to_reg.empty(); ++guard) {
    std::vector<SendMessage> to_enr;
    for (auto& m : to_reg) {
      run.steps.push_back({true, m});
      reg.on_message(m.payload, now);
      for (auto& r : pump(reg, run, false)) to_enr.push_back(std::move(r));
    }
    to_reg.clear();
    for (auto& m : to_enr) {
      run.steps.push_back({false, m});
      enr.on_message(m.payload, now);
      for (auto& r : pump(enr, run, true)) to_reg.push_back(std::move(r));
    }
  }
  return run;
}

}  // namespace wps::proto
