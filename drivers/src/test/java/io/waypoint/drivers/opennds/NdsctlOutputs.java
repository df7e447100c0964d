package io.waypoint.drivers.opennds;

/**
 * What ndsctl prints, as openNDS's source prints it (util.c, ndsctl_json_all and ndsctl_json_client
 * in 10.x; the older field names as nodogsplash and openNDS before 9 printed them). The addresses
 * are made up.
 */
final class NdsctlOutputs {
    private NdsctlOutputs() {}

    static final String MAC_A = "20:16:d8:15:b1:26";
    static final String IP_A = "192.168.1.131";
    static final String TOKEN_A = "a3f4112d";
    static final String MAC_B = "7e:c6:be:e4:b4:97";
    static final String IP_B = "192.168.1.195";

    static final String OPENNDS_10_TWO_CLIENTS = "{\n"
            + "  \"client_list_length\":\"2\",\n"
            + "  \"clients\":{\n"
            + "    \"" + MAC_A + "\":{\n"
            + "      \"gatewayname\":\"openNDS%20Node%3a7cc2c6480d3b%20\",\n"
            + "      \"gatewayaddress\":\"192.168.1.1:2050\",\n"
            + "      \"gatewayfqdn\":\"status.client\",\n"
            + "      \"version\":\"10.1.1\",\n"
            + "      \"client_type\":\"cpd_can\",\n"
            + "      \"mac\":\"" + MAC_A + "\",\n"
            + "      \"ip\":\"" + IP_A + "\",\n"
            + "      \"clientif\":\"wlan0\",\n"
            + "      \"session_start\":\"1691112539\",\n"
            + "      \"session_end\":\"1691198939\",\n"
            + "      \"last_active\":\"1691113598\",\n"
            + "      \"token\":\"" + TOKEN_A + "\",\n"
            + "      \"state\":\"Authenticated\",\n"
            + "      \"custom\":\"bmE=\",\n"
            + "      \"download_rate_limit_threshold\":\"null\",\n"
            + "      \"download_packet_rate\":\"null\",\n"
            + "      \"download_bucket_size\":\"null\",\n"
            + "      \"upload_rate_limit_threshold\":\"null\",\n"
            + "      \"upload_packet_rate\":\"null\",\n"
            + "      \"upload_bucket_size\":\"null\",\n"
            + "      \"download_quota\":\"null\",\n"
            + "      \"upload_quota\":\"null\",\n"
            + "      \"download_this_session\":\"244223\",\n"
            + "      \"download_session_avg\":\"1889.21\",\n"
            + "      \"upload_this_session\":\"7023\",\n"
            + "      \"upload_session_avg\":\"54.33\"\n"
            + "    },\n"
            + "    \"" + MAC_B + "\":{\n"
            + "      \"gatewayname\":\"openNDS%20Node%3a7cc2c6480d3b%20\",\n"
            + "      \"gatewayaddress\":\"192.168.1.1:2050\",\n"
            + "      \"gatewayfqdn\":\"status.client\",\n"
            + "      \"version\":\"10.1.1\",\n"
            + "      \"client_type\":\"cpd_can\",\n"
            + "      \"mac\":\"" + MAC_B + "\",\n"
            + "      \"ip\":\"" + IP_B + "\",\n"
            + "      \"clientif\":\"wlan0\",\n"
            + "      \"session_start\":\"0\",\n"
            + "      \"session_end\":\"null\",\n"
            + "      \"last_active\":\"1691111942\",\n"
            + "      \"token\":\"bace32b1\",\n"
            + "      \"state\":\"Preauthenticated\",\n"
            + "      \"custom\":\"none\",\n"
            + "      \"download_rate_limit_threshold\":\"null\",\n"
            + "      \"download_packet_rate\":\"null\",\n"
            + "      \"download_bucket_size\":\"null\",\n"
            + "      \"upload_rate_limit_threshold\":\"null\",\n"
            + "      \"upload_packet_rate\":\"null\",\n"
            + "      \"upload_bucket_size\":\"null\",\n"
            + "      \"download_quota\":\"null\",\n"
            + "      \"upload_quota\":\"null\",\n"
            + "      \"download_this_session\":\"0\",\n"
            + "      \"download_session_avg\":\"0.00\",\n"
            + "      \"upload_this_session\":\"0\",\n"
            + "      \"upload_session_avg\":\"0.00\"\n"
            + "    }\n"
            + "  }\n"
            + "}\n";

    /** With trusted MACs configured openNDS closes "clients" with a comma and lists them in an array. */
    static final String OPENNDS_10_NO_CLIENTS_TRUSTED = "{\n"
            + "  \"client_list_length\":\"0\",\n"
            + "  \"clients\":{\n"
            + "  },\n"
            + "  \"trusted_list_length\":\"2\",\n"
            + "  \"trusted\":[\n"
            + "    \"00:11:22:33:44:55\",\n"
            + "    \"00:11:22:33:44:66\"\n"
            + "  ]\n"
            + "}\n";

    /** {@code ndsctl json <client>}: one client's fields at the top level. */
    static final String OPENNDS_10_ONE_CLIENT = "{\n"
            + "  \"mac\":\"" + MAC_B + "\",\n"
            + "  \"ip\":\"" + IP_B + "\",\n"
            + "  \"session_start\":\"0\",\n"
            + "  \"token\":\"bace32b1\",\n"
            + "  \"state\":\"Preauthenticated\",\n"
            + "  \"download_this_session\":\"0\",\n"
            + "  \"upload_this_session\":\"0\"\n"
            + "}\n";

    /** nodogsplash's and early openNDS's shape: bare numbers, downloaded/uploaded, duration. */
    static final String OLD_SHAPE = "{\n"
            + "\"client_length\": 1,\n"
            + "\"clients\":{\n"
            + "\"" + MAC_A + "\":{\n"
            + "\"id\":1,\n"
            + "\"ip\":\"" + IP_A + "\",\n"
            + "\"mac\":\"" + MAC_A + "\",\n"
            + "\"added\":1535093523,\n"
            + "\"active\":1535093878,\n"
            + "\"duration\":355,\n"
            + "\"token\":\"7a4b1739\",\n"
            + "\"state\":\"Authenticated\",\n"
            + "\"downloaded\":\"3085\",\n"
            + "\"avg_down_speed\":\"69.53\",\n"
            + "\"uploaded\":\"334\",\n"
            + "\"avg_up_speed\":\"7.53\"\n"
            + "}\n"
            + "}\n"
            + "}\n";
}
