#include <iostream>
#include <map>
#include <sstream>
#include <string>

int main() {
    const std::string text = "the quick brown fox jumps over the lazy dog the end";
    std::map<std::string, int> counts;
    std::istringstream in(text);
    for (std::string word; in >> word;) ++counts[word];
    std::cout << "words: " << counts.size() << " distinct, \"the\" x" << counts["the"] << std::endl;
    return 0;
}
