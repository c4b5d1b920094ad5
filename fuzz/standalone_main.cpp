// Replays fuzz inputs without libFuzzer: every regular file under the given paths (directories
// are walked recursively) is passed once to LLVMFuzzerTestOneInput. Exit 0 when all ran; a bug
// aborts, which fails the test. Also feeds a few synthetic inputs so an empty corpus still runs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

static void run(const std::vector<std::uint8_t>& d) {
  LLVMFuzzerTestOneInput(d.data(), d.size());
}

int main(int argc, char** argv) {
  std::size_t n = 0;
  for (int i = 1; i < argc; ++i) {
    fs::path p(argv[i]);
    if (!fs::exists(p)) {
      std::fprintf(stderr, "corpus path %s does not exist\n", argv[i]);
      return 1;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(p)) {
      for (auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(p);
    }
    for (auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::vector<std::uint8_t> d((std::istreambuf_iterator<char>(in)), {});
      run(d);
      ++n;
    }
  }
  // Synthetic edge cases: empty, one octet of each value, a long run of 0xff.
  run({});
  for (int b = 0; b < 256; ++b) run({static_cast<std::uint8_t>(b)});
  run(std::vector<std::uint8_t>(4096, 0xff));
  std::printf("replayed %zu corpus files + 258 synthetic inputs\n", n);
  return 0;
}
