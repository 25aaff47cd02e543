// Prints a SHA-256 digest (OpenSSL) of the text given with --text (Boost.Program_options).
#include <boost/program_options.hpp>
#include <openssl/evp.h>
#include <cstdio>
#include <iostream>
#include <string>

namespace po = boost::program_options;

int main(int argc, char **argv) {
  po::options_description options("digest");
  options.add_options()("text", po::value<std::string>()->default_value("hello"), "text to digest");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, options), vm);
  po::notify(vm);
  const std::string text = vm["text"].as<std::string>();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr)) return 1;
  std::cout << "sha256(" << text << ") = ";
  for (unsigned int i = 0; i < len; i++) std::printf("%02x", md[i]);
  std::cout << std::endl;
  return 0;
}
