# Installation, the CMake package (find_package(wpslab CONFIG) -> wpslab::<module>), the
# pkg-config file and the Debian package (CPack).
include(CMakePackageConfigHelpers)

set(WPSLAB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wpslab)
install(EXPORT wpslab-targets NAMESPACE wpslab:: DESTINATION ${WPSLAB_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wpslab-config.cmake.in
  ${PROJECT_BINARY_DIR}/wpslab-config.cmake INSTALL_DESTINATION ${WPSLAB_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wpslab-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wpslab-config.cmake
              ${PROJECT_BINARY_DIR}/wpslab-config-version.cmake
        DESTINATION ${WPSLAB_CMAKE_DIR} COMPONENT dev)

# pkg-config: static libraries, so every module and the system libraries are in Libs, most
# dependent first.
set(pc_libs "")
set(pc_order sim analyzer roles wps wpa2 dot11 wsc eap pcap crypto base)
foreach(m IN LISTS pc_order)
  if(m IN_LIST WPSLAB_INSTALLED_MODULES)
    string(APPEND pc_libs " -lwpslab_${m}")
  endif()
endforeach()
# Relocatable: the prefix is found from the .pc file's own place.
file(RELATIVE_PATH pc_to_prefix /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${PROJECT_SOURCE_DIR}/cmake/wpslab.pc.in ${PROJECT_BINARY_DIR}/wpslab.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/wpslab.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

# ---- Debian package: `make deb` (cpack -G DEB in the build tree) --------------------------
set(CPACK_PACKAGE_NAME wpslab)
set(CPACK_PACKAGE_VENDOR "wpslab contributors")
set(CPACK_PACKAGE_CONTACT "wpslab contributors <wpslab@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wi-Fi Protected Setup lab: run, capture, test and explain WPS")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: of the binary package computed by dpkg-shlibdeps from what the binary links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME wpslab)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION net)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "tshark, hostapd, wpasupplicant")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "Wi-Fi Protected Setup lab: run, capture, test and explain WPS
 wpslab runs every WPS step on a deterministic simulated radio and writes sniffer
 logs Wireshark opens, speaks EAPOL against hostapd and wpa_supplicant on a real
 interface, and explains captures of WPS exchanges.")
# The development package holds static libraries and headers: what a consumer links is
# named here (dpkg-shlibdeps has no shared object to look at).
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libwpslab-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libssl-dev (>= 3.0), libpcap-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
    "Wi-Fi Protected Setup lab: static libraries and headers
 The sans-I/O WSC registration engines, codecs, crypto over OpenSSL 3 and the
 simulator of wpslab, with a CMake package (find_package(wpslab CONFIG)) and a
 pkg-config file.")
include(CPack)
cpack_add_component(runtime DISPLAY_NAME "wpslab program")
cpack_add_component(dev DISPLAY_NAME "wpslab development files")
